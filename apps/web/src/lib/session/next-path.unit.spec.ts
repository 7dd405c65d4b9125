import { describe, expect, it } from 'vitest';
import { nextPath } from './next-path.js';

describe('nextPath', () => {
  it('keeps a path of the app, with its query', () => {
    expect(nextPath('/models/abc?view=register')).toBe('/models/abc?view=register');
  });

  it.each([
    null,
    '',
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    'javascript:alert(1)',
  ])('sends %s to the start page', (next) => {
    expect(nextPath(next)).toBe('/');
  });
});
