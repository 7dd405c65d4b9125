import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { keyFingerprint, parsePublicKey, parseSigningKey } from './checkpoint.js';

/** The key that signs checkpoints, where it came from and how people name it. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  fingerprint: string;
  /** True when this call generated it (first start). */
  isNew: boolean;
}

/**
 * Reads the Ed25519 signing key (PKCS #8 PEM) at `path`, or generates one there
 * when the file does not exist: created exclusively with mode 0600, so two
 * processes starting at once cannot both write one (the loser reads the
 * winner's). Throws a message naming the file when it exists but is not an
 * Ed25519 private key.
 */
export function loadOrCreateSigningKey(path: string): SigningKey {
  let isNew = false;
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
        flag: 'wx',
        mode: 0o600,
      });
      isNew = true;
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError;
    }
    pem = readFileSync(path, 'utf8');
  }
  let privateKey: KeyObject;
  try {
    privateKey = parseSigningKey(pem);
  } catch {
    throw new Error(`${path} is not an Ed25519 private key in PEM (PKCS #8)`);
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, fingerprint: keyFingerprint(publicKey), isNew };
}

/** Reads a public key (SPKI PEM) or the public half of a private key file; names the file on failure. */
export function readPublicKeyFile(path: string): KeyObject {
  const pem = readFileSync(path, 'utf8');
  try {
    return parsePublicKey(pem);
  } catch {
    throw new Error(`${path} is not an Ed25519 public or private key in PEM`);
  }
}

/** A public key as PEM (SPKI). */
export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}
