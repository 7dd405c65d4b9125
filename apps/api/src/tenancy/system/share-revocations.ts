import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { sql } from 'kysely';
import { DatabaseService } from '../../database/database.service.js';

/**
 * Whose access shrank: a grantee organisation on one system (share revoked or
 * narrowed), or the members of an organisation (systemId null: a member was
 * removed or demoted).
 */
export interface ShareRevocation {
  systemId: string | null;
  granteeOrganisationId: string;
}

/** NOTIFY channel carrying share revocations to every server process. */
export const SHARE_REVOCATIONS_CHANNEL = 'threatloom_share_revocations';

/**
 * Broadcasts share revocations and role changes through NOTIFY, so that open
 * GraphQL subscriptions in every server process re-check access at once
 * instead of waiting for their next event.
 */
@Injectable()
export class ShareRevocations implements OnModuleDestroy {
  private readonly listeners = new Set<(revocation: ShareRevocation | null) => void>();
  private unlisten: (() => Promise<void>) | null = null;
  private starting: Promise<void> | null = null;

  constructor(private readonly database: DatabaseService) {}

  /**
   * Calls `listener` for every revocation until the returned function is
   * called; with null when revocations may have been missed (the listening
   * connection was re-established), so everything must be re-checked.
   */
  async onRevocation(listener: (revocation: ShareRevocation | null) => void): Promise<() => void> {
    await this.ensureListening();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Announces a revocation to every process (including this one). */
  async publish(revocation: ShareRevocation): Promise<void> {
    await sql`select pg_notify(${SHARE_REVOCATIONS_CHANNEL}, ${JSON.stringify(revocation)})`.execute(
      this.database.db,
    );
  }

  /** Stops listening. */
  async onModuleDestroy(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
  }

  private ensureListening(): Promise<void> {
    this.starting ??= this.database
      .listen(SHARE_REVOCATIONS_CHANNEL, (payload) => this.dispatch(payload))
      .then((unlisten) => {
        this.unlisten = unlisten;
      });
    return this.starting;
  }

  private dispatch(payload: string): void {
    // An empty payload is the wake-up after a reconnection: anything may have been missed.
    const revocation = payload === '' ? null : parseRevocation(payload);
    for (const listener of this.listeners) listener(revocation);
  }
}

/** A revocation from a NOTIFY payload; null (re-check everything) when it cannot be read. */
function parseRevocation(payload: string): ShareRevocation | null {
  try {
    const parsed = JSON.parse(payload) as Partial<ShareRevocation>;
    return typeof parsed.granteeOrganisationId === 'string'
      ? { systemId: parsed.systemId ?? null, granteeOrganisationId: parsed.granteeOrganisationId }
      : null;
  } catch {
    return null;
  }
}
