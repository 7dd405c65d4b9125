import { realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * The regular file at `relativePath` under `root` (itself a real path), as a
 * path relative to `root` once every symlink is resolved; null when there is
 * none, or when a symlink leads out of `root`, so no request reads a file
 * outside the web root whatever the build holds.
 */
export async function findWebAppFile(root: string, relativePath: string): Promise<string | null> {
  let real: string;
  try {
    real = await realpath(join(root, relativePath));
  } catch {
    return null;
  }
  if (!real.startsWith(root + sep)) return null;
  try {
    if (!(await stat(real)).isFile()) return null;
  } catch {
    return null;
  }
  return relative(root, real).split(sep).join('/');
}
