import { readFileSync, readdirSync } from 'node:fs';

/** Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10;

/** CPU time (user + system, ms) a process has used so far, or 0 once it is gone. */
function processCpuMs(pid: number | string): number {
  try {
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th of the line.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU time used so far by the server, by PostgreSQL's backends for one database and by this (client) process. */
export interface CpuSample {
  server: number;
  postgres: number;
  client: number;
}

/**
 * Where the machine's CPU goes during a run: sampled before and after it, the
 * difference per request shows which process a request costs most (the server,
 * PostgreSQL or the load-generating client; they share the machine's cores).
 * PostgreSQL counts the backends connected to `databaseName` (a backend's
 * command line names its database), so other databases of the cluster do not
 * count; a backend that ends between the two samples takes its time with it,
 * so the server's pool must outlive the run. Null where /proc is not there to
 * read (not Linux).
 */
export function cpuSample(serverPid: number | undefined, databaseName: string): CpuSample | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  let postgres = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "postgres: <cluster>: <user> <database> <address> <state>", arguments joined by NULs.
      const words = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split(/[\s\0]+/);
      if (words[0] === 'postgres:' && words.includes(databaseName)) postgres += processCpuMs(entry);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return {
    server: serverPid === undefined ? 0 : processCpuMs(serverPid),
    postgres,
    client: processCpuMs(process.pid),
  };
}

/** CPU milliseconds per request of each process between two samples. */
export function cpuPerRequest(
  before: CpuSample | null,
  after: CpuSample | null,
  requests: number,
): CpuSample | null {
  if (before === null || after === null) return null;
  const per = (key: keyof CpuSample) =>
    Math.round(((after[key] - before[key]) / requests) * 1000) / 1000;
  return { server: per('server'), postgres: per('postgres'), client: per('client') };
}
