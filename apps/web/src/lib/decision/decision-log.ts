import { graphql } from '../api/graphql-client.js';

/** One decision of the model's decision log, as the API words it. */
export interface DecisionLogEntry {
  kind: string;
  summary: string;
  rationale: string | null;
  subject: string | null;
  actor: string;
  organisation: string;
  roles: string[] | null;
  recordedAt: string;
  position: number;
  streamVersion: number;
  threats: { id: string; ref: number | null; title: string | null }[];
}

/** What the log is narrowed to; empty values keep everything. */
export interface DecisionLogFilter {
  kind: string;
  threatId: string;
  /** Who took the decision (a user id, or a service such as system:demo-seed). */
  actor: string;
  /** The organisation they acted for. */
  organisation: string;
}

/** The filter that keeps everything. */
export const allDecisions: DecisionLogFilter = {
  kind: '',
  threatId: '',
  actor: '',
  organisation: '',
};

/** Whether the filter narrows the log at all. */
export function isFiltered(filter: DecisionLogFilter): boolean {
  return Object.values(filter).some((value) => value !== '');
}

/** The actors and organisations seen in `entries`, added to those already known, sorted. */
export function knownParties(
  known: { actors: readonly string[]; organisations: readonly string[] },
  entries: readonly Pick<DecisionLogEntry, 'actor' | 'organisation'>[],
): { actors: string[]; organisations: string[] } {
  return {
    actors: [...new Set([...known.actors, ...entries.map((entry) => entry.actor)])].sort(),
    organisations: [
      ...new Set([...known.organisations, ...entries.map((entry) => entry.organisation)]),
    ].sort(),
  };
}

/** The kinds of decision, in the words the page shows. */
export const decisionKindLabels: Record<string, string> = {
  score: 'Score',
  strategy: 'Strategy',
  ownership: 'Owner',
  acceptance: 'Acceptance',
  transfer: 'Transfer',
  approval: 'Approval',
  revocation: 'Revocation',
  no_threats: '"No threats"',
  attestation: 'Attestation',
  freeze: 'Version frozen',
  sign_off: 'Sign-off',
};

/** The filter as the API takes it. */
export function apiFilterOf(filter: DecisionLogFilter): Record<string, unknown> {
  return {
    ...(filter.kind ? { kinds: [filter.kind] } : {}),
    ...(filter.threatId ? { threatId: filter.threatId } : {}),
    ...(filter.actor ? { actor: filter.actor } : {}),
    ...(filter.organisation ? { organisation: filter.organisation } : {}),
  };
}

const PAGE = `query DecisionLog($modelId: ID!, $filter: DecisionLogFilter, $after: String) {
  decisionLog(modelId: $modelId, filter: $filter, first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      kind summary rationale subject actor organisation roles recordedAt position streamVersion
      threats { id ref title }
    } }
  }
}`;

/** One page (100) of the log, after `after` (null: from the start). */
export async function loadDecisionLog(
  modelId: string,
  filter: DecisionLogFilter,
  after: string | null,
): Promise<{ entries: DecisionLogEntry[]; total: number; next: string | null }> {
  const answer = await graphql<{
    decisionLog: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: DecisionLogEntry }[];
    };
  }>(PAGE, { modelId, filter: apiFilterOf(filter), after });
  const log = answer.decisionLog;
  return {
    entries: log.edges.map((edge) => edge.node),
    total: log.totalCount,
    next: log.pageInfo.hasNextPage ? log.pageInfo.endCursor : null,
  };
}

/** The log kept by `filter` as CSV text. */
export async function decisionLogCsv(modelId: string, filter: DecisionLogFilter): Promise<string> {
  const answer = await graphql<{ decisionLogCsv: string }>(
    'query DecisionLogCsv($modelId: ID!, $filter: DecisionLogFilter) { decisionLogCsv(modelId: $modelId, filter: $filter) }',
    { modelId, filter: apiFilterOf(filter) },
  );
  return answer.decisionLogCsv;
}

/** A file name for the export: the model's name made safe, and the day. */
export function csvFileName(modelName: string, now: Date): string {
  const slug = modelName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'model'}-decisions-${now.toISOString().slice(0, 10)}.csv`;
}
