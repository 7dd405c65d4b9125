import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DataDirectoryLockedError,
  LOCK_FILE_NAME,
  lockDataDirectory,
} from '@threatloom/eventstore';

const mainScript = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** One built server process (`node dist/main.js`) on a PGlite data directory. */
interface ServerProcess {
  child: ChildProcess;
  /** Resolves when the server printed that it listens, or rejects when it exited first. */
  listening: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

/** A loopback port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

async function startServer(dataDir: string): Promise<ServerProcess> {
  // PGlite only: whatever PostgreSQL this shell may point at is not for this test.
  const { DATABASE_URL: _url, DATABASE_MIGRATION_URL: _migrationUrl, ...inherited } = process.env;
  const child = spawn(process.execPath, [mainScript], {
    env: {
      ...inherited,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      SEED_DEMO: 'false',
      PORT: String(await freePort()),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let onListening: () => void = () => undefined;
  const listening = new Promise<void>((resolve) => (onListening = resolve));
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('Threatloom is running at')) onListening();
  });
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    output: string;
  }>((resolve) =>
    child.on('exit', (code, signal) => {
      resolve({ code, signal, output });
    }),
  );
  const listeningOrFailed = Promise.race([
    listening,
    exited.then(({ output: printed }) => {
      throw new Error(`the server exited before listening:\n${printed}`);
    }),
  ]);
  // A refused server never listens: only the tests that wait for it see that rejection.
  listeningOrFailed.catch(() => undefined);
  return { child, listening: listeningOrFailed, exited };
}

/** A pid no process has: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid ?? 999_999;
}

describe('the PGlite data directory belongs to one process', () => {
  let dataDir: string;
  const running: ServerProcess[] = [];

  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'threatloom-lock-')), 'data');
  });

  afterEach(async () => {
    for (const server of running.splice(0)) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('refuses a second server on the same directory, naming the directory and the pid that holds it', async () => {
    const first = await startServer(dataDir);
    running.push(first);
    await first.listening;

    const second = await startServer(dataDir);
    running.push(second);
    const refused = await second.exited;

    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(
      `The data directory ${dataDir} is in use by process ${first.child.pid}`,
    );
    expect(first.child.exitCode).toBeNull();
  }, 600_000);

  it('takes over the lock a killed server left, and releases it on SIGTERM', async () => {
    const killed = await startServer(dataDir);
    running.push(killed);
    await killed.listening;
    killed.child.kill('SIGKILL');
    await killed.exited;
    const left = JSON.parse(await readFile(join(dataDir, LOCK_FILE_NAME), 'utf8')) as {
      pid: number;
    };
    expect(left.pid).toBe(killed.child.pid);

    const next = await startServer(dataDir);
    running.push(next);
    await next.listening;
    const taken = JSON.parse(await readFile(join(dataDir, LOCK_FILE_NAME), 'utf8')) as {
      pid: number;
    };
    expect(taken.pid).toBe(next.child.pid);

    next.child.kill('SIGTERM');
    await next.exited;
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
  }, 600_000);

  it('lets exactly one of two servers started at once on a stale lock win', async () => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(
      join(dataDir, LOCK_FILE_NAME),
      JSON.stringify({
        pid: await deadPid(),
        hostname: hostname(),
        startedAt: '2026-01-01T00:00:00.000Z',
        token: 'stale',
      }),
    );

    const racers = await Promise.all([startServer(dataDir), startServer(dataDir)]);
    running.push(...racers);
    const outcomes = await Promise.all(
      racers.map((racer) =>
        Promise.race([
          racer.listening.then(() => 'listening' as const),
          racer.exited.then(() => 'refused' as const),
        ]).catch(() => 'refused' as const),
      ),
    );

    expect([...outcomes].sort()).toEqual(['listening', 'refused']);
    const winner = racers[outcomes.indexOf('listening')];
    const loser = racers[outcomes.indexOf('refused')];
    const refused = await loser!.exited;
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(`is in use by process ${winner!.child.pid}`);
  }, 600_000);
});

describe('lockDataDirectory', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'threatloom-lock-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a directory this live process already holds, and frees it on release', async () => {
    const held = await lockDataDirectory(dataDir);
    await expect(lockDataDirectory(dataDir)).rejects.toThrow(DataDirectoryLockedError);
    await held.release();

    const again = await lockDataDirectory(dataDir);
    await again.release();
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it('gives a stale lock to exactly one of many concurrent takers', async () => {
    await writeFile(
      join(dataDir, LOCK_FILE_NAME),
      JSON.stringify({ pid: await deadPid(), hostname: hostname(), token: 'stale' }),
    );

    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => lockDataDirectory(dataDir)),
    );

    const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected')
        expect(outcome.reason).toBeInstanceOf(DataDirectoryLockedError);
    }
    await winners[0]!.value.release();
  });

  it('refuses a lock whose owner cannot be read, naming the file to remove', async () => {
    await writeFile(join(dataDir, LOCK_FILE_NAME), 'not json');
    await expect(lockDataDirectory(dataDir)).rejects.toThrow(
      `If no such process runs, remove ${join(dataDir, LOCK_FILE_NAME)}.`,
    );
  });
});
