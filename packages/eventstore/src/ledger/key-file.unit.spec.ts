import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey, publicKeyPem, readPublicKeyFile } from './key-file.js';
import { keyFingerprint } from './checkpoint.js';

const directory = () => mkdtempSync(join(tmpdir(), 'threatloom-key-'));

describe('the checkpoint signing key file', () => {
  it('is generated on first use, readable only by its owner, and the same key afterwards', () => {
    const path = join(directory(), 'keys', 'checkpoint.pem');
    const first = loadOrCreateSigningKey(path);
    expect(first.isNew).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = loadOrCreateSigningKey(path);
    expect(again.isNew).toBe(false);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the file when it holds something else', () => {
    const path = join(directory(), 'not-a-key.pem');
    writeFileSync(path, 'hello');
    expect(() => loadOrCreateSigningKey(path)).toThrow(`${path} is not an Ed25519 private key`);
  });

  it('reads a public key back from its PEM or from the private key file', () => {
    const root = directory();
    const key = loadOrCreateSigningKey(join(root, 'checkpoint.pem'));
    const publicPath = join(root, 'checkpoint.pub.pem');
    writeFileSync(publicPath, publicKeyPem(key.publicKey));
    expect(keyFingerprint(readPublicKeyFile(publicPath))).toBe(key.fingerprint);
    expect(keyFingerprint(readPublicKeyFile(join(root, 'checkpoint.pem')))).toBe(key.fingerprint);
  });
});
