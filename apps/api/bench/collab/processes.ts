import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const apiRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const benchDir = join(apiRoot, 'bench', 'collab');

/** A server or client process of the benchmark, with its output kept in a log file. */
export interface BenchProcess {
  child: ChildProcess;
  pid: number;
  /** Where its stdout goes. */
  logFile: string;
  /** Where its stderr goes (also echoed to ours). */
  errorFile: string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
  /**
   * SIGTERM, then waits for the exit; after `graceMs` (when given), SIGKILL.
   * Resolves with the exit code or signal, whether it had to be killed, and
   * how long it took to exit.
   */
  stop(graceMs?: number): Promise<{ exit: number | string; killed: boolean; ms: number }>;
}

function start(
  label: string,
  args: string[],
  env: Record<string, string>,
  echo: 'stderr' | 'all',
): BenchProcess {
  const logFile = join(
    tmpdir(),
    `threatloom-bench-${label}-${Date.now().toString(36)}-${process.pid}.log`,
  );
  const errorFile = logFile.replace(/\.log$/, '.stderr.log');
  const log = createWriteStream(logFile);
  const errors = createWriteStream(errorFile);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(errors, { end: false });
  child.stderr?.pipe(process.stderr, { end: false });
  if (echo === 'all') child.stdout?.pipe(process.stdout, { end: false });
  if (child.pid === undefined) throw new Error(`${label} did not start`);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      log.end();
      errors.end();
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  return {
    child,
    pid: child.pid,
    logFile,
    errorFile,
    exited,
    async stop(graceMs) {
      const started = performance.now();
      let killed = false;
      let timer: NodeJS.Timeout | undefined;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        if (graceMs !== undefined) {
          timer = setTimeout(() => {
            killed = true;
            child.kill('SIGKILL');
          }, graceMs);
        }
      }
      const exit = await exited;
      clearTimeout(timer);
      return { exit, killed, ms: Math.round(performance.now() - started) };
    },
  };
}

/** Our server, `node dist/main.js`, as in production. */
export function startOurServer(options: {
  port: number;
  databaseUrl: string;
  migrationUrl: string;
}): BenchProcess {
  // BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of each run of our server, to see where its time goes.
  const profileArgs = process.env['BENCH_CPU_PROFILE']
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROFILE']}`]
    : [];
  return start(
    'api',
    [...profileArgs, join(apiRoot, 'dist', 'main.js')],
    {
      NODE_ENV: 'production',
      OPEN_REGISTRATION: 'true',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      HOST: '127.0.0.1',
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      DATABASE_MIGRATION_URL: options.migrationUrl,
    },
    'stderr',
  );
}

/** The stock y-websocket server (@y/websocket-server), without persistence. */
export function startPlainServer(port: number): BenchProcess {
  return start(
    'plain',
    ['--import', 'tsx', join(benchDir, 'plain-server.ts')],
    { HOST: '127.0.0.1', PORT: String(port) },
    'stderr',
  );
}

/** The client-load process (load.ts), given its job as JSON. */
export function startLoad(job: unknown): BenchProcess {
  return start(
    'load',
    ['--import', 'tsx', join(benchDir, 'load.ts'), JSON.stringify(job)],
    {},
    'all',
  );
}

/** Waits until `url` answers 200, or the process exits, or two minutes pass. */
export async function waitForHttp(url: string, server: BenchProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`server exited with ${server.child.exitCode} (log: ${server.logFile})`);
    }
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer in time (log: ${server.logFile})`);
}

/** Resident memory (VmRSS) and its peak (VmHWM) of a process, in MB, from /proc. */
export function residentMemory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (match?.[1] === undefined) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(match[1]);
  };
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/**
 * What a process reported as a problem: lines of its stdout that are pino
 * entries at warn (40) or above, and every line of its stderr.
 */
export function logProblems(server: BenchProcess): string[] {
  const lines = (file: string) => {
    try {
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '');
    } catch {
      return [];
    }
  };
  const warnings = lines(server.logFile).filter((line) => {
    try {
      return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 40;
    } catch {
      return false;
    }
  });
  return [...warnings, ...lines(server.errorFile)];
}

/** A random port for one server. */
export function randomPort(): number {
  return 20_000 + Math.floor(Math.random() * 20_000);
}
