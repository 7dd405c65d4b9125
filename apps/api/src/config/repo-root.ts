import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the monorepo root (the folder holding pnpm-workspace.yaml) above `from`.
 * The data directory and the demo fixture are resolved from here, so the server
 * behaves the same whether it is started from the repo root or from apps/api.
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
