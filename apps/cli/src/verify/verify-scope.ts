import { sql } from 'kysely';
import type { Database } from '@threatloom/eventstore';
import { UnavailableError, UsageError } from '../exit-codes.js';

/**
 * What `verify` checks: one model's stream, every model of a system, or every
 * stream. `server` is the URL of the server it was verified through, if any.
 */
export type VerifyScope =
  | { kind: 'model'; modelId: string; streamIds: string[]; server?: string }
  | { kind: 'system'; systemId: string; modelIds: string[]; streamIds: string[]; server?: string }
  | { kind: 'all'; streamIds: null };

/** The scope the command line asked for, before it is resolved against the database. */
export type RequestedScope =
  { kind: 'model'; modelId: string } | { kind: 'system'; systemId: string } | { kind: 'all' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The event-store stream of a threat model (as apps/api/src/model/model-stream.ts names it). */
export function modelStreamId(modelId: string): string {
  return `model-${modelId}`;
}

/** Reads --model / --system / --all; every stream when none is given. */
export function requestedScope(options: {
  model?: string;
  system?: string;
  all?: boolean;
}): RequestedScope {
  const given = [
    options.model !== undefined,
    options.system !== undefined,
    options.all === true,
  ].filter(Boolean).length;
  if (given > 1) throw new UsageError('give at most one of --model, --system and --all');
  if (options.model !== undefined) {
    if (!UUID.test(options.model))
      throw new UsageError(`--model: '${options.model}' is not a model id (a UUID)`);
    return { kind: 'model', modelId: options.model.toLowerCase() };
  }
  if (options.system !== undefined) {
    if (!UUID.test(options.system))
      throw new UsageError(`--system: '${options.system}' is not a system id (a UUID)`);
    return { kind: 'system', systemId: options.system.toLowerCase() };
  }
  return { kind: 'all' };
}

/**
 * Resolves the scope to streams: a model must have events or sealed leaves;
 * a system's models come from the tenancy read model `model_ownership`,
 * read as the server's own system work reads it (`app.system = 'on'`).
 */
export async function resolveScope(
  database: Database,
  requested: RequestedScope,
): Promise<VerifyScope> {
  const db = database.db;
  if (requested.kind === 'all') return { kind: 'all', streamIds: null };
  if (requested.kind === 'model') {
    const streamId = modelStreamId(requested.modelId);
    const { rows } = await sql<{ known: boolean }>`
      select exists (select 1 from events where stream_id = ${streamId})
          or exists (select 1 from ledger_leaves where stream_id = ${streamId}) as known
    `.execute(db);
    if (rows[0]?.known !== true) {
      throw new UnavailableError(
        `unknown model ${requested.modelId}: stream ${streamId} has no events and no sealed events`,
      );
    }
    return { kind: 'model', modelId: requested.modelId, streamIds: [streamId] };
  }
  const { rows: tables } = await sql<{ found: boolean }>`
    select to_regclass('model_ownership') is not null as found
  `.execute(db);
  if (tables[0]?.found !== true) {
    throw new UnavailableError(
      '--system needs the tenancy tables (model_ownership), which this database does not have: it was not migrated by the server',
    );
  }
  const modelIds = await db.transaction().execute(async (transaction) => {
    await sql`select set_config('app.system', 'on', true)`.execute(transaction);
    const { rows } = await sql<{ model_id: string }>`
      select model_id from model_ownership where system_id = ${requested.systemId}::uuid order by model_id
    `.execute(transaction);
    return rows.map((row) => row.model_id);
  });
  if (modelIds.length === 0) {
    throw new UnavailableError(`unknown system ${requested.systemId}: no model belongs to it`);
  }
  return {
    kind: 'system',
    systemId: requested.systemId,
    modelIds,
    streamIds: modelIds.map(modelStreamId),
  };
}

/** The scope in a sentence, with the server it was verified through. */
export function describeScope(scope: VerifyScope): string {
  const through =
    scope.kind !== 'all' && scope.server !== undefined
      ? `, through the server at ${scope.server}`
      : '';
  return `${describeStreams(scope)}${through}`;
}

function describeStreams(scope: VerifyScope): string {
  switch (scope.kind) {
    case 'all':
      return 'every stream';
    case 'model':
      return `model ${scope.modelId} (stream ${scope.streamIds[0] ?? ''})`;
    case 'system':
      return `system ${scope.systemId}: ${scope.modelIds.length} model${scope.modelIds.length === 1 ? '' : 's'}`;
  }
}
