import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the shared fixtures folder by walking up from this file: the repository
 * is checked out with `shared/` beside it, so no absolute path is assumed.
 */
export function sharedFixturesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'fixtures');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('shared/fixtures not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** Reads one shared fixture file as text. */
export function readSharedFixture(...path: string[]): string {
  return readFileSync(join(sharedFixturesDir(), ...path), 'utf8');
}
