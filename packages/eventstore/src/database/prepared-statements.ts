import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Leading comment that marks a statement for preparation: on PostgreSQL the
 * pool runs it as a named prepared statement, parsed and planned once per
 * connection instead of at every call. Only statements with fixed text (all
 * values as parameters, batches as arrays) may carry it: each distinct text
 * becomes one prepared statement on every pooled connection.
 */
export const PREPARED_MARKER = '/* threatloom:prepared */';

/** Most marked texts one process names; beyond it statements run unnamed, as a guard against unbounded growth. */
const MAX_NAMED_STATEMENTS = 64;

const namesByText = new Map<string, string>();

/** The prepared-statement name of a marked text, or undefined when the text is unmarked or the guard is hit. */
export function preparedStatementName(text: string): string | undefined {
  if (!text.startsWith(PREPARED_MARKER)) return undefined;
  const known = namesByText.get(text);
  if (known !== undefined || namesByText.size >= MAX_NAMED_STATEMENTS) return known;
  const name = `threatloom_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  namesByText.set(text, name);
  return name;
}

/**
 * A `pg` client that runs marked statements (see PREPARED_MARKER) as named
 * prepared statements. Kysely sends every query as `query(text, values)`, so
 * this is where a name can be attached; everything else passes through.
 */
export class PreparingClient extends pg.Client {}

const unnamedQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;

/** Clients whose socket is held corked until the current tick's statements are all written. */
const heldClients = new WeakSet<pg.Client>();

/**
 * On a pipelining client, holds the socket's writes until the end of the
 * current tick, so statements issued together (a read batch: BEGIN, settings,
 * reads, COMMIT) leave in one write system call instead of one each; on
 * loopback each write costs about as much CPU as a small query.
 */
function holdWritesUntilNextTick(client: pg.Client): void {
  const stream = (client as unknown as { connection?: { stream?: NodeJS.WritableStream } })
    .connection?.stream as
    (NodeJS.WritableStream & { cork?: () => void; uncork?: () => void }) | undefined;
  if (!client.pipeline || heldClients.has(client) || !stream?.cork || !stream.uncork) return;
  stream.cork();
  heldClients.add(client);
  process.nextTick(() => {
    heldClients.delete(client);
    stream.uncork?.();
  });
}

// Assigned on the prototype because `query`'s overloads cannot be restated in an override.
PreparingClient.prototype.query = function query(
  this: pg.Client,
  config: unknown,
  ...rest: unknown[]
): unknown {
  holdWritesUntilNextTick(this);
  const name = typeof config === 'string' ? preparedStatementName(config) : undefined;
  const [values, ...callback] = rest;
  if (name === undefined || !(values === undefined || Array.isArray(values)))
    return unnamedQuery.call(this, config, ...rest);
  return unnamedQuery.call(this, { name, text: config, values }, ...callback);
} as pg.Client['query'];
