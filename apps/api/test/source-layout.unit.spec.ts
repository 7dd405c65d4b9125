import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// apps/api/src is organised by noun as packages/domain/src is: a reader who
// knows where the domain handles flows finds the API's flows in the same place.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const apiSource = join(repoRoot, 'apps', 'api', 'src');
const domainSource = join(repoRoot, 'packages', 'domain', 'src');

/** The domain's nouns: its folders, except the aggregate itself and test fixtures. */
const domainNouns = readdirSync(domainSource, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !['model', 'fixtures'].includes(entry.name))
  .map((entry) => entry.name)
  .sort((left, right) => right.length - left.length);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(folder, entry.name))
      : entry.name.endsWith('.ts')
        ? [relative(apiSource, join(folder, entry.name)).split(sep).join('/')]
        : [],
  );
}

/** The noun a file name starts with (`flow-command.resolver.ts`, `threats-policy.input.ts`). */
function nounOf(fileName: string): string | undefined {
  return domainNouns.find((noun) => new RegExp(`^${noun}s?[-.]`).test(fileName));
}

describe('apps/api/src layout', () => {
  it('keeps each noun command file in the folder of its noun', () => {
    const misplaced = sourceFiles(apiSource).filter((file) => {
      const match = /^(?:.*\/)?([a-z0-9-]+)-command\.[^/]+$/.exec(file);
      return match !== null && domainNouns.includes(match[1]!) && !file.startsWith(`${match[1]}/`);
    });
    expect(misplaced).toEqual([]);
  });

  it('keeps only the model aggregate in model/', () => {
    // a file of model/, or a folder of model/ by its name
    const otherNouns = sourceFiles(join(apiSource, 'model')).filter(
      (file) => nounOf(file.split('/')[1]!) !== undefined,
    );
    expect(otherNouns).toEqual([]);
  });
});
