import { Controller, Get, NotFoundException } from '@nestjs/common';
import { keyFingerprint, publicKeyPem, type SignedCheckpoint } from '@threatloom/eventstore';
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
  constructor(private readonly ledger: LedgerService) {}

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
}
