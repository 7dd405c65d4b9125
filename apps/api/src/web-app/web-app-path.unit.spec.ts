import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_PATH_SEGMENTS, webAppPath } from './web-app-path.js';

describe('webAppPath', () => {
  it('reads a file path and whether its last segment has an extension', () => {
    expect(webAppPath('/_app/immutable/x-abc123.js?v=1')).toEqual({
      relativePath: '_app/immutable/x-abc123.js',
      hasExtension: true,
    });
    expect(webAppPath('/models/3f0c7d1e-8a3b-4c1e-9d2f-1a2b3c4d5e6f/register')).toEqual({
      relativePath: 'models/3f0c7d1e-8a3b-4c1e-9d2f-1a2b3c4d5e6f/register',
      hasExtension: false,
    });
  });

  it('decodes percent-encoded names', () => {
    expect(webAppPath('/fonts/Inter%20Var.woff2')?.relativePath).toBe('fonts/Inter Var.woff2');
  });

  it('refuses traversal, encoded traversal, NUL, backslashes, empty segments and dot-files', () => {
    for (const url of [
      '/../etc/passwd',
      '/_app/../../etc/passwd',
      '/..%2F..%2Fetc%2Fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%2E%2E%5C%2E%2E%5Cetc%5Cpasswd',
      '/./index.html',
      '/index.html%00.js',
      '//etc/passwd',
      '/%2Fetc%2Fpasswd',
      '/models/',
      '/.env',
      '/_app/.git/config',
      '/%E0%A4%A',
      'index.html',
    ]) {
      expect(webAppPath(url), url).toBeNull();
    }
  });

  it('leaves every API path to the API', () => {
    for (const segment of API_PATH_SEGMENTS) {
      expect(webAppPath(`/${segment}/nope`), segment).toBeNull();
    }
  });

  it('never names a path that leaves the web root, whatever the URL', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('/', '.', '..', '%2e', '%2E', '%2f', '%5c', '%00', 'a', 'b.js', '\\'),
          {
            maxLength: 12,
          },
        ),
        (parts) => {
          const path = webAppPath(`/${parts.join('')}`);
          if (path === null) return;
          const segments = path.relativePath.split('/');
          expect(segments.every((segment) => segment !== '' && !segment.startsWith('.'))).toBe(
            true,
          );
          expect(path.relativePath).not.toMatch(/[\0\\]/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
