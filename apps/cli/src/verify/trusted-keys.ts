import type { KeyObject } from 'node:crypto';
import { join, resolve } from 'node:path';
import { keyFingerprint, readPublicKeyFile } from '@threatloom/eventstore';
import { UnavailableError } from '../exit-codes.js';
import { findRepoRoot } from './repo-root.js';

/** A public key whose checkpoints `verify` trusts, and where it came from. */
export interface TrustedKey {
  key: KeyObject;
  fingerprint: string;
  file: string;
  source: 'CHECKPOINT_KEY_FILE' | 'CHECKPOINT_TRUSTED_KEYS' | '--key';
}

/**
 * The keys the server trusts, plus the auditor's: the public half of
 * CHECKPOINT_KEY_FILE (default `<repo root>/.threatloom/keys/checkpoint-ed25519.pem`),
 * each file of CHECKPOINT_TRUSTED_KEYS (comma-separated) and each --key FILE.
 * A missing CHECKPOINT_KEY_FILE is tolerated when another key is given; any
 * other file that cannot be read as an Ed25519 key is an error naming it.
 */
export function loadTrustedKeys(env: NodeJS.ProcessEnv, keyFiles: readonly string[]): TrustedKey[] {
  const keys: TrustedKey[] = [];
  const retired = (env.CHECKPOINT_TRUSTED_KEYS ?? '')
    .split(',')
    .map((file) => file.trim())
    .filter((file) => file !== '');
  for (const file of retired) keys.push(readKey(file, 'CHECKPOINT_TRUSTED_KEYS'));
  for (const file of keyFiles) keys.push(readKey(file, '--key'));

  const configured = env.CHECKPOINT_KEY_FILE;
  const keyFile =
    configured === undefined || configured === ''
      ? join(findRepoRoot(), '.threatloom', 'keys', 'checkpoint-ed25519.pem')
      : resolve(configured);
  try {
    keys.unshift(readKey(keyFile, 'CHECKPOINT_KEY_FILE'));
  } catch (error) {
    const isMissing = error instanceof MissingKeyFile;
    if (!isMissing || keys.length === 0) {
      throw new UnavailableError(
        isMissing
          ? `no trusted key: the signing key file ${keyFile} (CHECKPOINT_KEY_FILE) does not exist; pass the server's public key with --key FILE`
          : (error as Error).message,
      );
    }
  }
  const seen = new Set<string>();
  return keys.filter((entry) => !seen.has(entry.fingerprint) && seen.add(entry.fingerprint));
}

class MissingKeyFile extends Error {}

function readKey(file: string, source: TrustedKey['source']): TrustedKey {
  const path = resolve(file);
  let key: KeyObject;
  try {
    key = readPublicKeyFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && source === 'CHECKPOINT_KEY_FILE') throw new MissingKeyFile(path);
    throw new UnavailableError(
      code === undefined
        ? `key file ${path} (${source}): expected an Ed25519 public or private key in PEM`
        : `cannot read key file ${path} (${source}): ${(error as Error).message}`,
    );
  }
  return { key, fingerprint: keyFingerprint(key), file: path, source };
}
