import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { link, open, readFile, unlink } from 'node:fs/promises';
import { readFileSync, unlinkSync } from 'node:fs';

/*
 * One writer per PGlite data directory (docs/decisions/0013): the API server
 * and the `threatloom` command both take this lock before opening a directory.
 */

/** The lock file's name inside the data directory. */
export const LOCK_FILE_NAME = 'threatloom.lock';

/** What a lock file holds: enough to tell whether its owner still runs. */
interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
  /** Tells this process's lock from a later one that reused the pid. */
  token: string;
}

/** A second process asked for a data directory another live process holds. */
export class DataDirectoryLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockPath: string,
    readonly owner: Partial<LockOwner> | null,
  ) {
    const holder =
      owner?.pid === undefined
        ? `a lock file whose owner cannot be read (${lockPath})`
        : `process ${owner.pid}${owner.hostname !== undefined && owner.hostname !== hostname() ? ` on host ${owner.hostname}` : ''}${owner.startedAt !== undefined ? `, started ${owner.startedAt}` : ''}`;
    super(
      `The data directory ${dataDir} is in use by ${holder}. ` +
        'PGlite allows one process per data directory: stop the other server, or set DATA_DIR ' +
        `to another directory. If no such process runs, remove ${lockPath}.`,
    );
    this.name = 'DataDirectoryLockedError';
  }
}

/** An exclusive hold on one data directory; `release` gives it up (idempotent). */
export interface DataDirectoryLock {
  readonly lockPath: string;
  release(): Promise<void>;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): Partial<LockOwner> | null {
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    return typeof parsed === 'object' && parsed !== null && Number.isInteger(parsed.pid)
      ? parsed
      : null;
  } catch {
    return null;
  }
}

async function readOwner(
  path: string,
): Promise<{ text: string; owner: Partial<LockOwner> | null } | null> {
  try {
    const text = await readFile(path, 'utf8');
    return { text, owner: parseOwner(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A lock is stale when its owner ran on this host and no longer runs. */
function isStale(owner: Partial<LockOwner> | null): boolean {
  return owner?.pid !== undefined && owner.hostname === hostname() && !isProcessAlive(owner.pid);
}

/**
 * Creates `path` holding `content`, or fails with EEXIST, in one step: the
 * content is written to a private file first and hard-linked into place, so
 * nobody ever reads a half-written lock.
 */
async function createExclusively(path: string, content: string): Promise<boolean> {
  const draft = `${path}.${process.pid}.${randomUUID()}`;
  const handle = await open(draft, 'wx');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(draft);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes the stale lock whose text is `staleText`. Only the holder of the
 * takeover guard (itself an exclusive file) may remove a lock, so two
 * processes that find the same stale lock cannot remove each other's new one.
 * Returns false when another process is taking over at the same moment.
 */
async function removeStaleLock(lockPath: string, staleText: string): Promise<boolean> {
  const guardPath = `${lockPath}.takeover`;
  const me = JSON.stringify({ pid: process.pid, hostname: hostname() });
  if (!(await createExclusively(guardPath, me))) {
    const guard = await readOwner(guardPath);
    // A guard left by a process that died mid-takeover is itself stale.
    if (guard !== null && isStale(guard.owner)) await unlink(guardPath).catch(() => undefined);
    return false;
  }
  try {
    const current = await readOwner(lockPath);
    // Only the lock we judged stale goes; anything else is a newer owner's.
    if (current !== null && current.text === staleText) await unlink(lockPath);
    return true;
  } finally {
    await unlink(guardPath);
  }
}

/**
 * Takes the exclusive lock on `dataDir` (a lock file inside it naming this
 * process), taking over a lock left by a process on this host that no longer
 * runs. Throws DataDirectoryLockedError when a live process holds it. The lock
 * is released by `release()`, and at the latest when this process exits.
 */
export async function lockDataDirectory(dataDir: string): Promise<DataDirectoryLock> {
  const lockPath = join(dataDir, LOCK_FILE_NAME);
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    token: randomUUID(),
  };
  const content = `${JSON.stringify(owner)}\n`;
  for (let attempt = 0; ; attempt += 1) {
    if (await createExclusively(lockPath, content)) break;
    const existing = await readOwner(lockPath);
    if (existing === null) continue; // released between our two steps: try again
    if (!isStale(existing.owner) || attempt >= 50) {
      throw new DataDirectoryLockedError(dataDir, lockPath, existing.owner);
    }
    if (!(await removeStaleLock(lockPath, existing.text))) await sleep(20);
  }

  let isHeld = true;
  // Ours only while it still carries our token: never remove a later owner's lock.
  const releaseSync = () => {
    if (!isHeld) return;
    isHeld = false;
    process.off('exit', releaseSync);
    try {
      if (readFileSync(lockPath, 'utf8') === content) unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  };
  process.on('exit', releaseSync);
  return {
    lockPath,
    async release() {
      releaseSync();
    },
  };
}
