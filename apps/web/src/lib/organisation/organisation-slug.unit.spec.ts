import { describe, expect, it } from 'vitest';
import { slugFromName, slugProblem } from './organisation-slug.js';

describe('slugFromName', () => {
  it('joins lower-case words with hyphens', () => {
    expect(slugFromName('Helix Sequencing GmbH')).toBe('helix-sequencing-gmbh');
  });

  it('drops accents and punctuation, and trims hyphens at both ends', () => {
    expect(slugFromName('  Ärzte & Co. (Zürich)! ')).toBe('arzte-co-zurich');
  });

  it('suggests only slugs the domain accepts', () => {
    for (const name of ['A', 'x'.repeat(80), 'Straße 42 — Nord', 'a'.repeat(62) + ' b']) {
      const slug = slugFromName(name);
      expect(slug === '' || slugProblem(slug) === null, `${name} -> ${slug}`).toBe(true);
    }
  });

  it('suggests nothing for a name without letters or digits', () => {
    expect(slugFromName('—!?')).toBe('');
  });
});

describe('slugProblem', () => {
  it('accepts lower-case letters, digits and inner hyphens', () => {
    expect(slugProblem('helix-2')).toBeNull();
  });

  it.each(['', '-helix', 'helix-', 'he lix', 'hélix', 'x'.repeat(64)])('refuses %j', (slug) => {
    expect(slugProblem(slug)).toMatch(/lower-case letters, digits and hyphens/);
  });
});
