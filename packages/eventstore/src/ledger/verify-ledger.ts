import { sql } from 'kysely';
import type { KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SqlExecutor } from '../database/sql-executor.js';
import { compareCheckpoints, type Checkpoint } from '../event.js';
import { GENESIS_HASH, computeEventHash } from '../hashing/event-hash.js';
import type { BrokenLink } from '../hashing/verify-chain.js';
import { eventColumns, toStoredEvent, type EventRow } from '../read/event-row.js';
import { checkCheckpoint, type SignedCheckpoint } from './checkpoint.js';
import type { LedgerLeaf } from './ledger-leaf.js';
import {
  emptyScanResult,
  mergeScanResults,
  scanQuery,
  scanRow,
  type ScanResult,
  type ScanRow,
  type ScanSpec,
} from './ledger-scan.js';
import {
  readLatestCheckpoint,
  readStoredLeafHashes,
  type TransactionalDatabase,
} from './ledger-rows.js';
import { MerkleFrontier, merkleRoot } from './merkle.js';

/** What was done to one event, named exactly. */
export interface EventFinding {
  /**
   * `altered`: its content, hash, time or stream changed; `inserted`: it was not
   * there when its place was sealed; `deleted`: a sealed event is gone;
   * `reordered`: its content is as sealed but its place in its stream or in the
   * global order moved.
   */
  kind: 'altered' | 'inserted' | 'deleted' | 'reordered';
  streamId: string;
  /** Its version now (as sealed for a deleted event). */
  streamVersion: number;
  /** Its global position now (as sealed for a deleted event); null when no stored event tells it. */
  position: number | null;
  /** The fields that differ from what was sealed (`content`, `hash`, `streamVersion`, ...). */
  changes: string[];
  /** True when named against a signed checkpoint; false when only the hash chain tells it. */
  isSealed: boolean;
  /** One sentence for a person. */
  detail: string;
}

/** A problem with the sealed log itself rather than one event. */
export interface LogFinding {
  kind:
    | 'checkpoint_malformed'
    | 'checkpoint_untrusted_key'
    | 'checkpoint_bad_signature'
    | 'sealed_log_altered'
    | 'log_truncated'
    | 'checkpoint_inconsistent';
  detail: string;
}

/** The checkpoint a verification compared the store with. */
export interface CheckpointSummary {
  treeSize: number;
  rootHash: string;
  sealedAt: string;
  keyId: string;
  source: 'store' | 'supplied';
}

/** Outcome of `verifyLedger`. */
export interface LedgerVerification {
  isIntact: boolean;
  eventsChecked: number;
  streamsChecked: number;
  /** Events of the scope covered by the checkpoint. */
  sealedEvents: number;
  /** Events of the scope appended after it: only their hash chains protect them yet. */
  unsealedEvents: number;
  checkpoint: CheckpointSummary | null;
  /** Every broken link of every checked chain. */
  brokenLinks: BrokenLink[];
  /** Worker threads the pass over the events was shared out to; 0 when it ran in this thread. */
  workers: number;
  eventFindings: EventFinding[];
  logFindings: LogFinding[];
}

/** Options of `verifyLedger`. */
export interface VerifyLedgerOptions {
  /** Public keys whose checkpoints are trusted (the current key and retired ones). */
  trustedKeys: readonly KeyObject[];
  /** Streams to check; null or absent: every stream. */
  streamIds?: readonly string[] | null;
  /** A checkpoint the auditor holds, checked as well as the store's latest. */
  checkpoint?: unknown;
  /** Rows per round trip. Default: 5000. */
  pageSize?: number;
  /**
   * Splits the pass over the events across worker threads, each with its own
   * connection to this PostgreSQL URL (the streams are shared out by a hash of
   * their id). Unset: one pass in this thread, on the given database.
   */
  parallel?: { url: string; workers: number };
}

const orderOf = (leaf: LedgerLeaf): Checkpoint => ({
  transactionId: leaf.transactionId,
  position: leaf.position,
});

/**
 * Verifies the hash chains of the scope and the store against its latest
 * signed checkpoint (and one the auditor supplies): the checkpoint's
 * signature, that the stored sealed leaves give its root, and that every
 * sealed event of the scope is still there as sealed. Names every altered,
 * inserted, deleted or reordered event, and every broken link.
 */
export async function verifyLedger(
  db: TransactionalDatabase & SqlExecutor,
  options: VerifyLedgerOptions,
): Promise<LedgerVerification> {
  const scope = options.streamIds ?? null;
  const pageSize = options.pageSize ?? 5000;
  const logFindings: LogFinding[] = [];
  const anchor = await chooseAnchor(db, options, logFindings);
  const spec: ScanSpec = {
    streamIds: scope,
    treeSize: anchor?.checkpoint.treeSize ?? 0,
    shard: 0,
    shards: 1,
  };
  // The sealed log's own check and the pass over the events run side by side.
  const [, scan] = await Promise.all([
    anchor === undefined
      ? Promise.resolve()
      : authenticateSealedLog(db, anchor.checkpoint, pageSize, logFindings),
    scanEvents(db, spec, anchor !== undefined, pageSize, options.parallel),
  ]);
  const workers = scan.workers;
  for (const leaf of scan.alteredLeaves) {
    logFindings.push({
      kind: 'sealed_log_altered',
      detail: `sealed leaf ${leaf.leafIndex} (${leaf.streamId} version ${leaf.streamVersion}) no longer matches its own leaf hash`,
    });
  }
  const sealedEnd = anchor?.checkpoint.last ?? null;
  const eventFindings =
    anchor === undefined
      ? []
      : await compareWithSealed(db, scan, scope, anchor.checkpoint.treeSize, sealedEnd);
  const named = new Set(
    eventFindings.flatMap((finding) => (finding.position === null ? [] : [finding.position])),
  );
  const brokenLinks = scan.brokenLinks.sort(
    (left, right) =>
      (left.streamId < right.streamId ? -1 : left.streamId > right.streamId ? 1 : 0) ||
      left.streamVersion - right.streamVersion ||
      left.reason.localeCompare(right.reason),
  );
  for (const link of brokenLinks) {
    if (named.has(link.position)) continue;
    // A sealed event whose place and hash are as sealed: a gap before it is the
    // deletion already named; a content or link change is named here.
    if (link.isSealed && link.reason === 'version_gap') continue;
    eventFindings.push(findingFromChain(link, link.isSealed));
    named.add(link.position);
  }
  const unsealedEvents = scan.eventsChecked - scan.sealedEvents;
  return {
    isIntact: brokenLinks.length === 0 && eventFindings.length === 0 && logFindings.length === 0,
    eventsChecked: scan.eventsChecked,
    streamsChecked: scan.streamsChecked,
    sealedEvents: scan.sealedEvents,
    unsealedEvents,
    checkpoint:
      anchor === undefined
        ? null
        : {
            treeSize: anchor.checkpoint.treeSize,
            rootHash: anchor.checkpoint.rootHash,
            sealedAt: anchor.checkpoint.sealedAt,
            keyId: anchor.checkpoint.keyId,
            source: anchor.source,
          },
    brokenLinks: brokenLinks.map(({ isSealed: _isSealed, ...link }) => link),
    workers,
    eventFindings: eventFindings.sort(
      (left, right) =>
        (left.streamId < right.streamId ? -1 : left.streamId > right.streamId ? 1 : 0) ||
        left.streamVersion - right.streamVersion,
    ),
    logFindings,
  };
}

const quoteText = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** The pass over the scope's events: in this thread, or shared out to workers. */
async function scanEvents(
  db: TransactionalDatabase,
  spec: ScanSpec,
  collectsLeafless: boolean,
  fetchSize: number,
  parallel: VerifyLedgerOptions['parallel'],
): Promise<ScanResult & { workers: number }> {
  const workerFile = new URL('./verify-worker.js', import.meta.url);
  // From the TypeScript sources (tests) there is no compiled worker: scan here.
  if (parallel !== undefined && parallel.workers > 1 && existsSync(fileURLToPath(workerFile))) {
    const results = await Promise.all(
      Array.from(
        { length: parallel.workers },
        (_, shard) =>
          new Promise<ScanResult>((resolve, reject) => {
            const worker = new Worker(workerFile, {
              workerData: {
                url: parallel.url,
                spec: { ...spec, shard, shards: parallel.workers },
                collectsLeafless,
                fetchSize,
              },
            });
            worker.once('message', (message: { result?: ScanResult; error?: string }) => {
              if (message.result !== undefined) resolve(message.result);
              else reject(new Error(`a verify worker failed: ${message.error ?? 'no result'}`));
              void worker.terminate();
            });
            worker.once('error', reject);
          }),
      ),
    );
    const merged = emptyScanResult();
    for (const result of results) mergeScanResults(merged, result);
    return { ...merged, workers: parallel.workers };
  }
  return db.transaction().execute(async (transaction) => {
    await sql
      .raw(`DECLARE verify_scan NO SCROLL CURSOR FOR ${scanQuery(spec, quoteText)}`)
      .execute(transaction);
    const result = emptyScanResult();
    for (;;) {
      const { rows } = await sql
        .raw<ScanRow>(`FETCH ${fetchSize} FROM verify_scan`)
        .execute(transaction);
      for (const row of rows) scanRow(row, result, collectsLeafless);
      if (rows.length < fetchSize) break;
    }
    await sql.raw('CLOSE verify_scan').execute(transaction);
    return { ...result, workers: 0 };
  });
}

/** Picks the checkpoint to compare with: the larger trusted one of the store's latest and the supplied one. */
async function chooseAnchor(
  db: SqlExecutor,
  options: VerifyLedgerOptions,
  logFindings: LogFinding[],
): Promise<{ checkpoint: SignedCheckpoint; source: 'store' | 'supplied' } | undefined> {
  const stored = await readLatestCheckpoint(db);
  let anchor: { checkpoint: SignedCheckpoint; source: 'store' | 'supplied' } | undefined;
  if (stored !== undefined) {
    const problem = checkCheckpoint(stored.checkpoint, options.trustedKeys);
    if (problem === undefined) anchor = { checkpoint: stored.checkpoint, source: 'store' };
    else logFindings.push(describeProblem("the store's latest checkpoint", problem));
  }
  if (options.checkpoint === undefined) return anchor;
  const problem = checkCheckpoint(options.checkpoint, options.trustedKeys);
  if (problem !== undefined) {
    logFindings.push(describeProblem('the supplied checkpoint', problem));
    return anchor;
  }
  const supplied = options.checkpoint as SignedCheckpoint;
  if (anchor === undefined || supplied.treeSize > anchor.checkpoint.treeSize) {
    logFindings.push({
      kind: 'log_truncated',
      detail: `the supplied checkpoint seals ${supplied.treeSize} events but the store's latest valid checkpoint seals ${anchor?.checkpoint.treeSize ?? 0}: checkpoints were removed`,
    });
    return { checkpoint: supplied, source: 'supplied' };
  }
  if (supplied.treeSize < anchor.checkpoint.treeSize) {
    const prefix = await storedRoot(db, supplied.treeSize);
    if (prefix !== supplied.rootHash) {
      logFindings.push({
        kind: 'checkpoint_inconsistent',
        detail: `the store's first ${supplied.treeSize} sealed events do not give the supplied checkpoint's root: the log did not only grow since it`,
      });
    }
  } else if (supplied.rootHash !== anchor.checkpoint.rootHash) {
    logFindings.push({
      kind: 'checkpoint_inconsistent',
      detail: `the supplied checkpoint and the store's seal the same ${supplied.treeSize} events with different roots`,
    });
  }
  return anchor;
}

function describeProblem(
  what: string,
  problem: NonNullable<ReturnType<typeof checkCheckpoint>>,
): LogFinding {
  switch (problem.kind) {
    case 'malformed':
      return {
        kind: 'checkpoint_malformed',
        detail: `${what} is malformed: ${problem.field} should be ${problem.expected}`,
      };
    case 'untrusted_key':
      return {
        kind: 'checkpoint_untrusted_key',
        detail: `${what} is signed by key ${problem.keyId}, which is not trusted`,
      };
    case 'bad_signature':
      return {
        kind: 'checkpoint_bad_signature',
        detail: `${what}'s signature by key ${problem.keyId} does not verify: it was altered`,
      };
  }
}

async function storedRoot(db: SqlExecutor, treeSize: number): Promise<string> {
  const rows = await readStoredLeafHashes(db, 0, treeSize);
  return merkleRoot(rows.map((row) => Buffer.from(row.leafHash, 'hex'))).toString('hex');
}

/** Checks that the stored sealed leaves give the checkpoint's root; names missing leaves. */
async function authenticateSealedLog(
  db: SqlExecutor,
  checkpoint: SignedCheckpoint,
  pageSize: number,
  logFindings: LogFinding[],
): Promise<void> {
  // Folded page by page, so no single stretch of hashing holds the event loop.
  const frontier = MerkleFrontier.empty();
  const missing: number[] = [];
  const step = pageSize * 4;
  for (let from = 0; from < checkpoint.treeSize; from += step) {
    const to = Math.min(checkpoint.treeSize, from + step);
    const rows = await readStoredLeafHashes(db, from, to);
    let expected = from;
    for (const row of rows) {
      while (expected < row.leafIndex) missing.push(expected++);
      frontier.append(Buffer.from(row.leafHash, 'hex'));
      expected = row.leafIndex + 1;
    }
    while (expected < to) missing.push(expected++);
  }
  if (missing.length > 0) {
    logFindings.push({
      kind: 'sealed_log_altered',
      detail: `${missing.length} sealed leaves are missing from the log (first: leaf ${missing[0]})`,
    });
    return;
  }
  if (frontier.root().toString('hex') !== checkpoint.rootHash) {
    logFindings.push({
      kind: 'sealed_log_altered',
      detail: `the stored sealed leaves do not give the signed root of checkpoint ${checkpoint.treeSize}: the sealed log itself was altered`,
    });
  }
}

interface LeafRowText {
  position: string;
  transaction_id: string;
  stream_id: string;
  stream_version: number;
  recorded_at: string;
  event_hash: string;
}

/**
 * Names what differs between the sealed leaves and today's events: sealed
 * leaves whose event is gone (deleted, or moved to another position: then
 * found again by its hash), events where the checkpoint sealed none
 * (inserted), and events changed since they were sealed.
 */
async function compareWithSealed(
  db: SqlExecutor,
  scan: ScanResult,
  scope: readonly string[] | null,
  treeSize: number,
  sealedEnd: Checkpoint | null,
): Promise<EventFinding[]> {
  const findings: EventFinding[] = [];
  const { rows: gone } = await sql<LeafRowText>`
    SELECT l.position::text AS position, l.transaction_id::text AS transaction_id, l.stream_id,
           l.stream_version, l.recorded_at, l.event_hash
    FROM ledger_leaves l
    WHERE l.leaf_index < ${treeSize}::bigint
      AND (${scope === null}::boolean OR l.stream_id = ANY(${scope ?? []}::text[]))
      AND NOT EXISTS (SELECT 1 FROM events e WHERE e.position = l.position)
    ORDER BY l.leaf_index
  `.execute(db);
  const pairs: [LedgerLeaf, LedgerLeaf][] = [...scan.changed];
  const byHash = new Map(scan.leafless.map((leaf) => [leaf.eventHash, leaf]));
  const moved = new Set<number>();
  for (const row of gone) {
    const leaf: LedgerLeaf = {
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      position: Number(row.position),
      transactionId: row.transaction_id,
      recordedAt: row.recorded_at,
      eventHash: row.event_hash,
    };
    const now = byHash.get(leaf.eventHash);
    if (now !== undefined) {
      byHash.delete(leaf.eventHash);
      moved.add(now.position);
      pairs.push([leaf, now]);
      continue;
    }
    findings.push({
      kind: 'deleted',
      streamId: leaf.streamId,
      streamVersion: leaf.streamVersion,
      position: leaf.position,
      changes: [],
      isSealed: true,
      detail: `${leaf.streamId} version ${leaf.streamVersion} (position ${leaf.position}) was sealed and is gone`,
    });
  }
  const leafless = scan.leafless.filter((leaf) => !moved.has(leaf.position));
  const sealedHeads = await sealedHeadsOf(
    db,
    [...new Set(leafless.map((leaf) => leaf.streamId))],
    treeSize,
  );
  for (const leaf of leafless) {
    const isInSealedRange =
      (sealedEnd !== null && compareCheckpoints(orderOf(leaf), sealedEnd) <= 0) ||
      leaf.streamVersion <= (sealedHeads.get(leaf.streamId) ?? -1);
    if (!isInSealedRange) continue;
    findings.push({
      kind: 'inserted',
      streamId: leaf.streamId,
      streamVersion: leaf.streamVersion,
      position: leaf.position,
      changes: [],
      isSealed: true,
      detail: `${leaf.streamId} version ${leaf.streamVersion} (position ${leaf.position}) sits where the checkpoint sealed no such event: it was inserted`,
    });
  }
  if (pairs.length > 0) findings.push(...(await classifyPairs(db, pairs)));
  return findings;
}

/** The last sealed version of each given stream, among the first `treeSize` leaves. */
async function sealedHeadsOf(
  db: SqlExecutor,
  streamIds: readonly string[],
  treeSize: number,
): Promise<Map<string, number>> {
  if (streamIds.length === 0) return new Map();
  const { rows } = await sql<{ stream_id: string; head: number }>`
    SELECT stream_id, max(stream_version) AS head FROM ledger_leaves
    WHERE leaf_index < ${treeSize}::bigint AND stream_id = ANY(${[...streamIds]}::text[])
    GROUP BY stream_id
  `.execute(db);
  return new Map(rows.map((row) => [row.stream_id, Number(row.head)]));
}

const PLACE_FIELDS = new Set(['streamVersion', 'transactionId', 'position']);

function differences(sealed: LedgerLeaf, now: LedgerLeaf): string[] {
  const changes: string[] = [];
  if (sealed.streamId !== now.streamId) changes.push('streamId');
  if (sealed.streamVersion !== now.streamVersion) changes.push('streamVersion');
  if (sealed.position !== now.position) changes.push('position');
  if (sealed.transactionId !== now.transactionId) changes.push('transactionId');
  if (sealed.recordedAt !== now.recordedAt) changes.push('recordedAt');
  if (sealed.eventHash !== now.eventHash) changes.push('hash');
  return changes;
}

/**
 * Tells, for each changed event, whether its content is still what was
 * sealed (its hash recomputed at its sealed place, after its sealed
 * predecessor, gives the sealed hash): then only its place moved.
 */
async function classifyPairs(
  db: SqlExecutor,
  pairs: readonly [LedgerLeaf, LedgerLeaf][],
): Promise<EventFinding[]> {
  const { rows } = await sql<EventRow>`
    SELECT ${eventColumns} FROM events WHERE position = ANY(${pairs.map(([, now]) => now.position)}::bigint[])
  `.execute(db);
  const events = new Map(rows.map((row) => [Number(row.position), toStoredEvent(row)]));
  const predecessors = await sql<{ stream_id: string; stream_version: number; event_hash: string }>`
    SELECT l.stream_id, l.stream_version, l.event_hash
    FROM ledger_leaves l
    JOIN unnest(${pairs.map(([sealed]) => sealed.streamId)}::text[], ${pairs.map(([sealed]) => sealed.streamVersion - 1)}::int[])
      AS wanted(stream_id, stream_version)
      ON l.stream_id = wanted.stream_id AND l.stream_version = wanted.stream_version
  `.execute(db);
  const sealedHash = new Map(
    predecessors.rows.map((row) => [`${row.stream_id}\u0000${row.stream_version}`, row.event_hash]),
  );
  return pairs.map(([sealed, now]) => {
    const changes = differences(sealed, now);
    const event = events.get(now.position);
    const previous =
      sealed.streamVersion === 0
        ? GENESIS_HASH
        : sealedHash.get(`${sealed.streamId}\u0000${sealed.streamVersion - 1}`);
    const isContentAsSealed =
      event !== undefined &&
      previous !== undefined &&
      computeEventHash(previous, {
        ...event,
        streamId: sealed.streamId,
        streamVersion: sealed.streamVersion,
      }) === sealed.eventHash;
    if (!isContentAsSealed) changes.unshift('content');
    const movedOnly =
      isContentAsSealed &&
      changes.some((change) => PLACE_FIELDS.has(change)) &&
      changes.every((change) => PLACE_FIELDS.has(change) || change === 'hash');
    const where = `${now.streamId} version ${now.streamVersion} (position ${now.position}, sealed as ${sealed.streamId} version ${sealed.streamVersion} at position ${sealed.position})`;
    return {
      kind: movedOnly ? 'reordered' : 'altered',
      streamId: now.streamId,
      streamVersion: now.streamVersion,
      position: now.position,
      changes,
      isSealed: true,
      detail: movedOnly
        ? `${where} kept its content but moved: ${changes.join(', ')} changed`
        : `${where} was altered: ${changes.join(', ')} changed`,
    } satisfies EventFinding;
  });
}

/** What a broken link says of an event that no comparison with the checkpoint named. */
function findingFromChain(link: BrokenLink, isSealed: boolean): EventFinding {
  const base = {
    streamId: link.streamId,
    streamVersion: link.streamVersion,
    position: link.position,
    isSealed,
  };
  const state = isSealed ? 'sealed' : 'not sealed yet';
  switch (link.reason) {
    case 'hash_mismatch':
      return {
        ...base,
        kind: 'altered',
        changes: ['content'],
        detail: `${link.streamId} version ${link.streamVersion} (position ${link.position}, ${state}) no longer matches its own hash: it was altered`,
      };
    case 'version_gap':
      return {
        ...base,
        kind: Number(link.actual) > Number(link.expected) ? 'deleted' : 'inserted',
        changes: ['streamVersion'],
        detail: `${link.streamId} (not sealed yet) runs from version ${Number(link.expected) - 1} to ${link.actual}: ${
          Number(link.actual) > Number(link.expected)
            ? `version ${link.expected} to ${Number(link.actual) - 1} were removed`
            : `version ${link.actual} was inserted twice`
        }`,
      };
    case 'previous_hash_mismatch':
      return {
        ...base,
        kind: 'altered',
        changes: ['previousHash'],
        detail: `${link.streamId} version ${link.streamVersion} (position ${link.position}, ${state}) does not point at the event before it: that one was replaced or removed, or this one was inserted`,
      };
  }
}
