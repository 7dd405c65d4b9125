import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The monorepo root (the folder holding pnpm-workspace.yaml) above this file,
 * found as the server finds it, so `verify` reads the same default data
 * directory and signing key as a server started from this checkout.
 */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let current = from;
  for (;;) {
    if (existsSync(join(current, 'pnpm-workspace.yaml'))) return current;
    const parent = dirname(current);
    if (parent === current) {
      throw new Error(`Could not find the repository root (pnpm-workspace.yaml) above ${from}`);
    }
    current = parent;
  }
}
