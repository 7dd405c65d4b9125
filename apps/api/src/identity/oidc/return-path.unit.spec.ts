import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path.js';

describe('post-login return path', () => {
  it('keeps a same-origin path with its query', () => {
    expect(safeReturnPath('/models/1?tab=threats')).toBe('/models/1?tab=threats');
  });

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    'javascript:alert(1)',
    '',
    undefined,
  ])('turns %s into the home page', (candidate) => {
    expect(safeReturnPath(candidate)).toBe('/');
  });
});
