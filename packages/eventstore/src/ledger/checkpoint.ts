import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { canonicalJson } from '../hashing/canonical-json.js';
import type { Checkpoint } from '../event.js';

/** Format tag of checkpoints; a verifier refuses any other. */
export const CHECKPOINT_FORMAT = 'threatloom-checkpoint/1';

/**
 * What a checkpoint seals: the Merkle tree of the first `treeSize` events of
 * the store's global order, and the head of every stream among them.
 */
export interface CheckpointBody {
  format: typeof CHECKPOINT_FORMAT;
  /** Number of leaves (events) sealed. */
  treeSize: number;
  /** RFC 9162 root of the leaves (hex). */
  rootHash: string;
  /** Order key of the last sealed event; null for an empty tree. */
  last: Checkpoint | null;
  /** Root and size of the tree of stream heads, sorted by stream key. */
  streamHeads: { treeSize: number; rootHash: string };
  /** When the server sealed it (ISO 8601, UTC). */
  sealedAt: string;
  /** Fingerprint of the signing key (`keyFingerprint`). */
  keyId: string;
}

/** A checkpoint with its Ed25519 signature over the canonical JSON of its body. */
export interface SignedCheckpoint extends CheckpointBody {
  /** Base64 Ed25519 signature of `canonicalJson(body)`. */
  signature: string;
}

/** The bytes a checkpoint's signature covers. */
export function checkpointSigningInput(body: CheckpointBody): Buffer {
  return Buffer.from(
    canonicalJson({
      format: body.format,
      keyId: body.keyId,
      last: body.last,
      rootHash: body.rootHash,
      sealedAt: body.sealedAt,
      streamHeads: { rootHash: body.streamHeads.rootHash, treeSize: body.streamHeads.treeSize },
      treeSize: body.treeSize,
    }),
    'utf8',
  );
}

/** The raw 32-byte Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new TypeError('expected an Ed25519 key');
  }
  return Buffer.from(jwk.x, 'base64url');
}

/** SHA-256 of the raw public key, hex: how checkpoints and people name a key. */
export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex');
}

/** Signs a checkpoint body with an Ed25519 private key. */
export function signCheckpoint(
  body: Omit<CheckpointBody, 'format' | 'keyId'>,
  privateKey: KeyObject,
): SignedCheckpoint {
  const full: CheckpointBody = {
    format: CHECKPOINT_FORMAT,
    treeSize: body.treeSize,
    rootHash: body.rootHash,
    last: body.last,
    streamHeads: body.streamHeads,
    sealedAt: body.sealedAt,
    keyId: keyFingerprint(createPublicKey(privateKey)),
  };
  const signature = sign(null, checkpointSigningInput(full), privateKey).toString('base64');
  return { ...full, signature };
}

/** Why a checkpoint cannot be trusted, or undefined when it can. */
export type CheckpointProblem =
  | { kind: 'malformed'; field: string; expected: string }
  | { kind: 'untrusted_key'; keyId: string }
  | { kind: 'bad_signature'; keyId: string };

/**
 * Checks a checkpoint's shape and its signature by one of `trustedKeys`
 * (public keys); undefined when it holds.
 */
export function checkCheckpoint(
  checkpoint: unknown,
  trustedKeys: readonly KeyObject[],
): CheckpointProblem | undefined {
  const malformed = shapeProblem(checkpoint);
  if (malformed) return malformed;
  const signed = checkpoint as SignedCheckpoint;
  const key = trustedKeys.find((candidate) => keyFingerprint(candidate) === signed.keyId);
  if (key === undefined) return { kind: 'untrusted_key', keyId: signed.keyId };
  const isValid = verify(
    null,
    checkpointSigningInput(signed),
    key,
    Buffer.from(signed.signature, 'base64'),
  );
  return isValid ? undefined : { kind: 'bad_signature', keyId: signed.keyId };
}

const HEX64 = /^[0-9a-f]{64}$/;

function shapeProblem(value: unknown): CheckpointProblem | undefined {
  const bad = (field: string, expected: string): CheckpointProblem => ({
    kind: 'malformed',
    field,
    expected,
  });
  if (typeof value !== 'object' || value === null) return bad('checkpoint', 'a JSON object');
  const record = value as Record<string, unknown>;
  if (record.format !== CHECKPOINT_FORMAT) return bad('format', `"${CHECKPOINT_FORMAT}"`);
  if (!isCount(record.treeSize)) return bad('treeSize', 'a non-negative integer');
  if (typeof record.rootHash !== 'string' || !HEX64.test(record.rootHash))
    return bad('rootHash', '64 lower-case hex digits');
  const last = record.last as Record<string, unknown> | null | undefined;
  if (last !== null) {
    if (typeof last !== 'object' || last === undefined) return bad('last', 'an object or null');
    if (typeof last.transactionId !== 'string' || !/^\d+$/.test(last.transactionId))
      return bad('last.transactionId', 'a decimal transaction id');
    if (!isCount(last.position)) return bad('last.position', 'a non-negative integer');
  }
  const heads = record.streamHeads as Record<string, unknown> | undefined;
  if (typeof heads !== 'object' || heads === null) return bad('streamHeads', 'an object');
  if (!isCount(heads.treeSize)) return bad('streamHeads.treeSize', 'a non-negative integer');
  if (typeof heads.rootHash !== 'string' || !HEX64.test(heads.rootHash))
    return bad('streamHeads.rootHash', '64 lower-case hex digits');
  if (typeof record.sealedAt !== 'string' || Number.isNaN(Date.parse(record.sealedAt)))
    return bad('sealedAt', 'an ISO 8601 time');
  if (typeof record.keyId !== 'string' || !HEX64.test(record.keyId))
    return bad('keyId', '64 lower-case hex digits');
  if (typeof record.signature !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(record.signature))
    return bad('signature', 'a base64 Ed25519 signature');
  return undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Reads a PEM private key (PKCS #8) and checks it is Ed25519. */
export function parseSigningKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('expected an Ed25519 private key');
  return key;
}

/** Reads a PEM public key (SPKI) and checks it is Ed25519. */
export function parsePublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('expected an Ed25519 public key');
  return key;
}
