import { describe, expect, it } from 'vitest';
import { HTTPS_ISSUER_EXPECTED, PUBLIC_ISSUER_EXPECTED, issuerProblem } from './issuer-policy.js';

describe('issuer URLs', () => {
  it('accepts https on a public host or address', () => {
    expect(issuerProblem('https://login.example.com/tenant', false)).toBeNull();
    expect(issuerProblem('https://93.184.215.14/', false)).toBeNull();
  });

  it('refuses plain http unless private issuers are allowed and the host is loopback', () => {
    expect(issuerProblem('http://login.example.com', false)).toBe(HTTPS_ISSUER_EXPECTED);
    expect(issuerProblem('http://127.0.0.1:8080', false)).toBe(HTTPS_ISSUER_EXPECTED);
    expect(issuerProblem('http://login.example.com', true)).toBe(HTTPS_ISSUER_EXPECTED);
    expect(issuerProblem('http://10.0.0.5', true)).toBe(HTTPS_ISSUER_EXPECTED);
    expect(issuerProblem('http://127.0.0.1:8080', true)).toBeNull();
    expect(issuerProblem('http://localhost:8080', true)).toBeNull();
  });

  it('refuses other schemes and credentials in the URL', () => {
    expect(issuerProblem('ftp://login.example.com', true)).toBe(HTTPS_ISSUER_EXPECTED);
    expect(issuerProblem('file:///etc/passwd', true)).toBe(HTTPS_ISSUER_EXPECTED);
    expect(issuerProblem('https://user:secret@login.example.com', false)).toBe(
      'an issuer URL without credentials',
    );
  });

  it('refuses literal non-public addresses unless private issuers are allowed', () => {
    for (const issuer of [
      'https://127.0.0.1',
      'https://169.254.169.254',
      'https://[::ffff:10.0.0.1]',
      'https://0x7f000001',
    ]) {
      expect(issuerProblem(issuer, false)).toBe(PUBLIC_ISSUER_EXPECTED);
      expect(issuerProblem(issuer, true)).toBeNull();
    }
  });
});
