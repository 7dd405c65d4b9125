import { Inject, Injectable } from '@nestjs/common';
import {
  decisionLogEntries,
  decisionLogKinds,
  evolve,
  initialState,
  systemPermissionOf,
  upcast,
  type ModelState,
} from '@threatloom/domain';
import type { StoredEvent } from '@threatloom/eventstore';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { RequestScope } from '../access/request-scope.js';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { DatabaseService } from '../database/database.service.js';
import { NotFound, ValidationError } from '../errors/app-error.js';
import { modelIdSchema } from '../graphql/ids.js';
import { pageArgsSchema } from '../graphql/page-args.js';
import {
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
  type ConnectionShape,
} from '../graphql/pagination.js';
import { parseInput } from '../graphql/parse-input.js';
import { STREAM_PAGE_SIZE, yieldToEventLoop } from '../model-state/model-state.store.js';
import { modelStreamId } from '../model/model-stream.js';
import type { DecisionLogEntry, DecisionLogFilter } from './decision-log.types.js';

const filterSchema = z
  .object({
    kinds: z
      .array(z.enum(decisionLogKinds, { error: `expected one of ${decisionLogKinds.join(', ')}` }))
      .max(decisionLogKinds.length)
      .nullish(),
    threatId: z.string().min(1).max(200).nullish(),
    actor: z.string().min(1).max(200).nullish(),
    organisation: z.string().min(1).max(200).nullish(),
  })
  .strict()
  .nullish();

const logArgsSchema = pageArgsSchema.extend({ modelId: modelIdSchema, filter: filterSchema });

type Filter = z.output<typeof filterSchema>;

/** A decision with where it sits in the log: the stream version of its event, and its index there. */
interface Located {
  entry: DecisionLogEntry;
  index: number;
}

/** The roles recorded with an event, when they were (events before roles were kept have none). */
export function rolesOf(event: StoredEvent): string[] | null {
  const roles = event.metadata['roles'];
  return Array.isArray(roles) && roles.every((role) => typeof role === 'string') ? roles : null;
}

function keeps(filter: Filter, entry: DecisionLogEntry): boolean {
  if (!filter) return true;
  if (filter.kinds?.length && !filter.kinds.includes(entry.kind as (typeof filter.kinds)[number]))
    return false;
  if (filter.threatId && !entry.threats.some((threat) => threat.id === filter.threatId))
    return false;
  if (filter.actor && entry.actor !== filter.actor) return false;
  if (filter.organisation && entry.organisation !== filter.organisation) return false;
  return true;
}

/**
 * A spreadsheet opening the export runs a cell that starts like a formula:
 * such text (a rationale anyone could write) is kept as text by a leading
 * apostrophe, as OWASP's advice on CSV injection has it.
 */
function inertCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const CSV_COLUMNS = [
  'recorded_at',
  'kind',
  'summary',
  'rationale',
  'threat_refs',
  'threat_ids',
  'subject',
  'actor',
  'organisation',
  'roles',
  'position',
  'stream_version',
] as const;

/**
 * The decision log of a model: every score, strategy, owner, acceptance,
 * transfer, approval, revocation, "no threats" declaration, attestation,
 * freeze and sign-off, read from its stream with who took it, for which
 * organisation, in which roles, when and why. Needs the audit permission
 * (an auditor share, a risk owner or admin of the owner).
 */
@Injectable()
export class DecisionLogService {
  constructor(
    private readonly database: DatabaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One page of the decisions kept by the filter, oldest first. */
  async page(
    scope: RequestScope,
    rawArgs: {
      modelId: string;
      filter?: DecisionLogFilter | null;
      first?: number | null;
      after?: string | null;
    },
  ): Promise<ConnectionShape<DecisionLogEntry>> {
    const args = parseInput(logArgsSchema, rawArgs, '');
    const size = pageSize(args.first, this.config.graphql.maxPageSize);
    const after = args.after ? decodeCursor(args.after, 2) : null;
    if (after !== null && !after.every((part) => Number.isSafeInteger(part)))
      throw new ValidationError('after', 'a cursor returned by a previous page');
    await scope.requireAccess(systemPermissionOf('Query.decisionLog'), [args.modelId]);
    const all = await this.decisions(scope, args.modelId, args.filter);
    const [afterVersion, afterIndex] = (after ?? [-1, -1]) as [number, number];
    const rest = all.filter(
      ({ entry, index }) =>
        entry.streamVersion > afterVersion ||
        (entry.streamVersion === afterVersion && index > afterIndex),
    );
    return toConnection(
      rest.slice(0, size + 1),
      size,
      all.length,
      ({ entry, index }) => encodeCursor([entry.streamVersion, index]),
      ({ entry }) => entry,
    );
  }

  /** Every decision kept by the filter as CSV (RFC 4180, a header row, oldest first). */
  async csv(
    scope: RequestScope,
    rawArgs: { modelId: string; filter?: DecisionLogFilter | null },
  ): Promise<string> {
    const args = parseInput(logArgsSchema.pick({ modelId: true, filter: true }), rawArgs, '');
    await scope.requireAccess(systemPermissionOf('Query.decisionLogCsv'), [args.modelId]);
    const all = await this.decisions(scope, args.modelId, args.filter);
    return stringify(
      all.map(({ entry }) => ({
        recorded_at: entry.recordedAt,
        kind: entry.kind,
        summary: entry.summary,
        rationale: entry.rationale ?? '',
        threat_refs: entry.threats
          .map((threat) => (threat.ref === null ? '' : `T-${threat.ref}`))
          .join(' '),
        threat_ids: entry.threats.map((threat) => threat.id).join(' '),
        subject: entry.subject ?? '',
        actor: entry.actor,
        organisation: entry.organisation,
        roles: entry.roles?.join(' ') ?? '',
        position: entry.position,
        stream_version: entry.streamVersion,
      })),
      {
        header: true,
        columns: [...CSV_COLUMNS],
        record_delimiter: '\r\n',
        cast: { string: inertCell },
      },
    );
  }

  /** The model's decisions kept by `filter`, folding its stream a page at a time. */
  private async decisions(
    scope: RequestScope,
    modelId: string,
    filter: Filter,
  ): Promise<Located[]> {
    const found: Located[] = [];
    const isEmpty = await this.database.transaction(scope, async (trx) => {
      let state: ModelState = initialState();
      for (let fromVersion = 0; ; fromVersion += STREAM_PAGE_SIZE) {
        const page = await this.database.eventStore.readStream(modelStreamId(modelId), {
          fromVersion,
          limit: STREAM_PAGE_SIZE,
          transaction: trx,
        });
        if (page.length === 0 && fromVersion === 0) return true;
        for (const stored of page) {
          const event = upcast(stored);
          decisionLogEntries(event, state).forEach((decided, index) => {
            const entry: DecisionLogEntry = {
              ...decided,
              actor: stored.metadata.actor,
              organisation: stored.metadata.organisation,
              roles: rolesOf(stored),
              recordedAt: stored.recordedAt.toISOString(),
              position: stored.position,
              streamVersion: stored.streamVersion,
            };
            if (keeps(filter, entry)) found.push({ entry, index });
          });
          state = evolve(state, event);
        }
        if (page.length < STREAM_PAGE_SIZE) return false;
        await yieldToEventLoop();
      }
    });
    if (isEmpty) throw new NotFound('Model', modelId, 'modelId');
    return found;
  }
}
