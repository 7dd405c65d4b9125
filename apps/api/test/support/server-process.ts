import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { TEST_PAGE_ORIGIN, type TestDatabase } from './api-server.js';

const mainScript = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** The built server (`node dist/main.js`) running in a process of its own. */
export interface ServerProcess {
  url: string;
  pid: number;
  /** Stops the server with SIGTERM and waits for it to exit. */
  stop(): Promise<void>;
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/**
 * Starts the built server on `database` in a child process, with the settings
 * `startApiServer` gives an in-process one, and resolves once it listens.
 * PGlite needs a data directory on disk (one process at a time owns it).
 */
export async function spawnServer(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const { DATABASE_URL: _url, DATABASE_MIGRATION_URL: _migrationUrl, ...inherited } = process.env;
  const databaseEnv: Record<string, string> =
    database.kind === 'pglite'
      ? { DATA_DIR: database.dataDir }
      : {
          DATABASE_URL: database.fixture.appUrl,
          DATABASE_MIGRATION_URL: database.fixture.ownerUrl,
        };
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [mainScript], {
    env: {
      ...inherited,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      SEED_DEMO: 'false',
      ALLOWED_ORIGINS: TEST_PAGE_ORIGIN,
      PORT: String(port),
      ...databaseEnv,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Threatloom is running at')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`the server exited before listening:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

let clockTicksPerSecond: number | undefined;

/** Whether `mainThreadCpuMs` can read a process's threads (Linux /proc). */
export const canReadThreadCpu = existsSync('/proc/self/task');
if (!canReadThreadCpu && process.env['CI']) {
  throw new Error('/proc/self/task is missing: the event-loop hold cannot be measured in CI');
}
if (!canReadThreadCpu) {
  console.warn('\n*** no /proc thread CPU here: the event-loop hold checks are SKIPPED ***\n');
}

/**
 * CPU time (user + system, ms) the main thread of process `pid` has used: the
 * thread that runs its event loop, without V8's and libuv's helper threads.
 * Read from /proc/<pid>/task/<pid>/stat, in clock ticks (10 ms on Linux).
 */
export function mainThreadCpuMs(pid: number): number {
  clockTicksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3, state.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / clockTicksPerSecond;
}
