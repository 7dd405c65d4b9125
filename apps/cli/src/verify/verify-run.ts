import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { checkCheckpoint, verifyLedger } from '@threatloom/eventstore';
import { ExitCode, ReportedFailure, UnavailableError } from '../exit-codes.js';
import { writeWithBackpressure, type CliIo } from '../io.js';
import { formatVerification, verificationToJson } from './format-verification.js';
import { loadTrustedKeys } from './trusted-keys.js';
import { DataDirectoryHeldError, databaseTarget, openTarget } from './verify-database.js';
import { requestedScope, resolveScope, type RequestedScope } from './verify-scope.js';
import {
  refuseDirectOnlyOptions,
  serverTarget,
  verifyThroughServer,
} from './verify-through-server.js';

/** The options of `threatloom verify`. */
export interface VerifyOptions {
  model?: string;
  system?: string;
  all?: boolean;
  checkpoint?: string;
  key?: string[];
  json?: boolean;
  server?: string;
}

/** Runs `threatloom verify` with the parsed options (loaded only when the command runs). */
export async function runVerify(io: CliIo, options: VerifyOptions): Promise<void> {
  const requested = requestedScope(options);
  const env = process.env;
  if (options.server !== undefined) {
    await throughServer(io, options, requested);
    return;
  }
  const target = databaseTarget(env);
  let opened;
  try {
    opened = await openTarget(target);
  } catch (error) {
    // A live server holds the embedded directory: with a token, ask that server.
    const hasToken = (env.THREATLOOM_TOKEN ?? '') !== '';
    if (!(error instanceof DataDirectoryHeldError) || !hasToken) throw error;
    await throughServer(io, options, requested);
    return;
  }
  try {
    // Read after the database is opened: through a server neither is needed.
    const keys = loadTrustedKeys(env, options.key ?? []);
    const heldCheckpoint =
      options.checkpoint === undefined ? undefined : readCheckpointFile(options.checkpoint);
    const scope = await resolveScope(opened.database, requested);
    const report = await verifyLedger(opened.database.db, {
      trustedKeys: keys.map((entry) => entry.key),
      streamIds: scope.streamIds,
      ...(heldCheckpoint === undefined ? {} : { checkpoint: heldCheckpoint }),
      // On PostgreSQL the pass over the events is shared out to a worker per core,
      // each on its own connection; the embedded database has one connection.
      ...(target.kind === 'postgres'
        ? { parallel: { url: target.url, workers: Math.max(2, availableParallelism()) } }
        : {}),
    });
    await writeWithBackpressure(
      io.stdout,
      options.json === true
        ? `${JSON.stringify(verificationToJson(scope, report), null, 2)}\n`
        : formatVerification(scope, report, keys),
    );
    if (!report.isIntact) throw new ReportedFailure(ExitCode.tampered);
  } finally {
    await opened.close();
  }
}

/** Verifies through a running server and prints the report the direct path prints. */
async function throughServer(
  io: CliIo,
  options: VerifyOptions,
  requested: RequestedScope,
): Promise<void> {
  refuseDirectOnlyOptions(options);
  const target = serverTarget(process.env, options.server);
  const { scope, report, models } = await verifyThroughServer(target, requested);
  await writeWithBackpressure(
    io.stdout,
    options.json === true
      ? `${JSON.stringify({ ...verificationToJson(scope, report), models }, null, 2)}\n`
      : formatVerification(scope, report, []),
  );
  if (!report.isIntact) throw new ReportedFailure(ExitCode.tampered);
}

/** Reads a held checkpoint; a file that is not one is an error naming it and what was expected. */
function readCheckpointFile(file: string): unknown {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UnavailableError(`cannot read checkpoint file ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UnavailableError(
      `checkpoint file ${path} is not JSON: expected a signed checkpoint (threatloom-checkpoint/1) as a JSON object`,
    );
  }
  // Only its shape here: its signature and key are judged by verify and reported as findings.
  const problem = checkCheckpoint(value, []);
  if (problem?.kind === 'malformed') {
    throw new UnavailableError(
      `checkpoint file ${path} is malformed: ${problem.field} should be ${problem.expected}`,
    );
  }
  return value;
}
