import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import {
  keyFingerprint,
  proveConsistency,
  publicKeyPem,
  type SignedCheckpoint,
} from '@threatloom/eventstore';
import { DatabaseService } from '../database/database.service.js';
import { ValidationError } from '../errors/app-error.js';
import { LedgerService } from './ledger.service.js';

/** A checkpoint key as served: how to verify what it signed. */
export interface PublishedKey {
  algorithm: 'Ed25519';
  /** SHA-256 of the raw 32-byte public key, hex: the `keyId` of the checkpoints it signs. */
  fingerprint: string;
  /** SPKI PEM. */
  publicKey: string;
}

/**
 * Public, unauthenticated: the keys that sign the event log's checkpoints and
 * the latest checkpoint, so anyone can keep a copy and later hold the log to it
 * (docs/tamper-evidence.md). Neither reveals a tenant's ids or counts.
 */
@Controller('.well-known/threatloom')
export class WellKnownController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly database: DatabaseService,
  ) {}

  /** The current signing key and the retired keys still trusted. */
  @Get('checkpoint-key')
  key(): { current: PublishedKey; retired: PublishedKey[] } {
    const [current, ...retired] = this.ledger.trustedKeys.map((key) => ({
      algorithm: 'Ed25519' as const,
      fingerprint: keyFingerprint(key),
      publicKey: publicKeyPem(key),
    }));
    return { current: current as PublishedKey, retired };
  }

  /** The latest signed checkpoint; 404 before the first seal. */
  @Get('checkpoint')
  async checkpoint(): Promise<SignedCheckpoint> {
    const latest = await this.ledger.latestCheckpoint();
    if (latest === undefined) {
      throw new NotFoundException(
        'No checkpoint has been sealed yet: the first seal follows the first event.',
      );
    }
    return latest;
  }

  /**
   * The consistency proof (RFC 9162 2.1.4) from the tree of `from` events, the
   * size of a checkpoint an auditor holds, to the latest checkpoint: it shows
   * the log only grew since. Hashes only; nothing of any tenant.
   */
  @Get('consistency')
  async consistency(
    @Query('from') from: string | undefined,
  ): Promise<{ checkpoint: SignedCheckpoint; oldSize: number; path: string[] }> {
    const latest = await this.ledger.latestCheckpoint();
    if (latest === undefined) {
      throw new NotFoundException(
        'No checkpoint has been sealed yet: the first seal follows the first event.',
      );
    }
    const expected = `the size of a checkpoint you hold: a whole number from 0 to ${latest.treeSize}`;
    if (from === undefined || !/^\d{1,15}$/.test(from) || Number(from) > latest.treeSize) {
      throw new ValidationError('from', expected, `from: expected ${expected}`);
    }
    return proveConsistency(this.database.db, Number(from));
  }
}
