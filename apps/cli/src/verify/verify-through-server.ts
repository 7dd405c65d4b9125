import type { BrokenLink, LedgerVerification, LogFinding } from '@threatloom/eventstore';
import { UnavailableError, UsageError } from '../exit-codes.js';
import { modelStreamId, type RequestedScope, type VerifyScope } from './verify-scope.js';

/** A running server to verify through, and the personal API token to send it. */
export interface ServerTarget {
  /** The server's base URL, as shown in reports. */
  url: string;
  token: string;
}

/**
 * The server to verify through: --server, else THREATLOOM_SERVER, else
 * `http://localhost:${PORT ?? 3000}` (where a server started from this
 * checkout listens). The token comes from THREATLOOM_TOKEN only, so it never
 * appears on a command line.
 */
export function serverTarget(env: NodeJS.ProcessEnv, explicit: string | undefined): ServerTarget {
  const token = env.THREATLOOM_TOKEN ?? '';
  if (token === '') {
    throw new UnavailableError(
      'verifying through the server needs a personal API token: set THREATLOOM_TOKEN (see docs/identity.md, "Personal API tokens")',
    );
  }
  const given =
    explicit ?? (env.THREATLOOM_SERVER === '' ? undefined : env.THREATLOOM_SERVER) ?? undefined;
  const raw = given ?? `http://localhost:${env.PORT ?? 3000}`;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new UsageError(`--server: '${raw}' is not a URL (for example http://localhost:3000)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`--server: '${raw}' is not an http or https URL`);
  }
  return { url: parsed.toString().replace(/\/$/, ''), token };
}

/** Refuses the options only direct database access can honour. */
export function refuseDirectOnlyOptions(options: { checkpoint?: string; key?: string[] }): void {
  const given = [
    ...(options.checkpoint === undefined ? [] : ['--checkpoint']),
    ...((options.key ?? []).length === 0 ? [] : ['--key']),
  ];
  if (given.length > 0) {
    throw new UsageError(
      `${given.join(' and ')} need direct database access (DATABASE_URL, or DATA_DIR with the server stopped): through the server, verification checks against the server's own trusted keys`,
    );
  }
}

interface ServerVerification {
  modelId: string;
  isIntact: boolean;
  eventsChecked: number;
  sealedEvents: number;
  unsealedEvents: number;
  headHash: string | null;
  verifiedAt: string;
  checkpoint: { treeSize: number; rootHash: string; sealedAt: string; keyId: string } | null;
  findings: {
    kind: string;
    streamVersion: number;
    position: number | null;
    changes: string[];
    isSealed: boolean;
    detail: string;
  }[];
  logFindings: { kind: string; detail: string }[];
  brokenLinks: {
    streamVersion: number;
    position: number;
    reason: string;
    expected: string;
    actual: string;
  }[];
}

const VERIFY_MODEL = `query VerifyModelHistory($modelId: ID!) {
  verifyModelHistory(modelId: $modelId) {
    modelId isIntact eventsChecked sealedEvents unsealedEvents headHash verifiedAt
    checkpoint { treeSize rootHash sealedAt keyId }
    findings { kind streamVersion position changes isSealed detail }
    logFindings { kind detail }
    brokenLinks { streamVersion position reason expected actual }
  }
}`;

const SYSTEM_MODELS = `query SystemModels($systemId: ID!) { system(id: $systemId) { modelIds } }`;

/** What verifying through a server produced: the scope and the same report the direct path prints. */
export interface ServerReport {
  scope: VerifyScope;
  report: LedgerVerification;
  /** Each model's head hash and when the server verified it. */
  models: { modelId: string; headHash: string | null; verifiedAt: string }[];
}

/**
 * Verifies through the server's GraphQL `verifyModelHistory`: one model, or
 * each model of a system (from `system(id) { modelIds }`), merged into one
 * report. Every stream at once is only possible with the database itself.
 */
export async function verifyThroughServer(
  target: ServerTarget,
  requested: RequestedScope,
): Promise<ServerReport> {
  if (requested.kind === 'all') {
    throw new UnavailableError(
      'verifying every stream needs direct database access: set DATABASE_URL, or stop the server and run verify on its DATA_DIR; through the server give --model ID or --system ID',
    );
  }
  let modelIds: string[];
  if (requested.kind === 'model') {
    modelIds = [requested.modelId];
  } else {
    const data = await graphql<{ system: { modelIds: string[] } }>(target, SYSTEM_MODELS, {
      systemId: requested.systemId,
    });
    modelIds = [...data.system.modelIds].sort();
    if (modelIds.length === 0) {
      throw new UnavailableError(`system ${requested.systemId} holds no model to verify`);
    }
  }
  const verifications: ServerVerification[] = [];
  for (const modelId of modelIds) {
    const data = await graphql<{ verifyModelHistory: ServerVerification }>(target, VERIFY_MODEL, {
      modelId,
    });
    verifications.push(data.verifyModelHistory);
  }
  const streamIds = modelIds.map(modelStreamId);
  const scope: VerifyScope =
    requested.kind === 'model'
      ? { kind: 'model', modelId: requested.modelId, streamIds, server: target.url }
      : {
          kind: 'system',
          systemId: requested.systemId,
          modelIds,
          streamIds,
          server: target.url,
        };
  return {
    scope,
    report: mergeVerifications(verifications),
    models: verifications.map(({ modelId, headHash, verifiedAt }) => ({
      modelId,
      headHash,
      verifiedAt,
    })),
  };
}

/** The server's answers as one `LedgerVerification`: counts summed, findings joined, the newest checkpoint. */
function mergeVerifications(verifications: readonly ServerVerification[]): LedgerVerification {
  const logFindings = new Map<string, LogFinding>();
  let checkpoint: LedgerVerification['checkpoint'] = null;
  const report: LedgerVerification = {
    isIntact: true,
    eventsChecked: 0,
    streamsChecked: verifications.length,
    sealedEvents: 0,
    unsealedEvents: 0,
    checkpoint: null,
    brokenLinks: [],
    workers: 0,
    eventFindings: [],
    logFindings: [],
  };
  for (const verification of verifications) {
    const streamId = modelStreamId(verification.modelId);
    report.isIntact &&= verification.isIntact;
    report.eventsChecked += verification.eventsChecked;
    report.sealedEvents += verification.sealedEvents;
    report.unsealedEvents += verification.unsealedEvents;
    if (
      verification.checkpoint !== null &&
      (checkpoint === null || verification.checkpoint.treeSize > checkpoint.treeSize)
    ) {
      checkpoint = { ...verification.checkpoint, source: 'store' };
    }
    for (const finding of verification.findings) {
      report.eventFindings.push({
        ...finding,
        kind: finding.kind as LedgerVerification['eventFindings'][number]['kind'],
        streamId,
      });
    }
    for (const link of verification.brokenLinks) {
      report.brokenLinks.push({ ...link, reason: link.reason as BrokenLink['reason'], streamId });
    }
    // The sealed log is shared by every model: the same finding comes back for each.
    for (const finding of verification.logFindings) {
      logFindings.set(`${finding.kind}\n${finding.detail}`, {
        kind: finding.kind as LogFinding['kind'],
        detail: finding.detail,
      });
    }
  }
  report.checkpoint = checkpoint;
  report.logFindings = [...logFindings.values()];
  return report;
}

/** One GraphQL request with the token; any error is reported with the server's message and code. */
async function graphql<T>(
  target: ServerTarget,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const endpoint = new URL('graphql', `${target.url}/`);
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${target.token}`,
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new UnavailableError(`cannot reach the server at ${target.url}: ${causeOf(error)}`);
  }
  const text = await response.text();
  let body: { data?: T | null; errors?: { message?: string; extensions?: { code?: string } }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new UnavailableError(
      `the server at ${target.url} answered HTTP ${response.status} without a GraphQL answer: is it a Threatloom server?`,
    );
  }
  const error = body.errors?.[0];
  if (error !== undefined) {
    const code = error.extensions?.code ?? `HTTP ${response.status}`;
    throw new UnavailableError(
      `the server at ${target.url} refused: ${code}: ${error.message ?? 'no message'}`,
    );
  }
  if (body.data === undefined || body.data === null) {
    throw new UnavailableError(
      `the server at ${target.url} answered HTTP ${response.status} without data`,
    );
  }
  return body.data;
}

/** The underlying reason of a failed fetch (ECONNREFUSED and the like), not undici's "fetch failed". */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof AggregateError && cause.errors.length > 0) {
    return cause.errors.map(describe).join('; ');
  }
  return describe(cause instanceof Error ? cause : error);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined || error.message.includes(code)
    ? error.message
    : `${code}: ${error.message}`;
}
