import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Finds `shared/fixtures`, which sits beside the repository root, by walking up from here. */
export function sharedFixturePath(name: string): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'shared', 'fixtures', name);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory)
      throw new Error(`shared/fixtures/${name} not found above ${fileURLToPath(import.meta.url)}`);
    directory = parent;
  }
}

/** Reads a shared fixture as text. */
export function readSharedFixture(name: string): string {
  return readFileSync(sharedFixturePath(name), 'utf8');
}
