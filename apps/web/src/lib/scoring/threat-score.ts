import {
  ValidationError,
  decide,
  initialState,
  threatSeverity,
  type CommandContext,
  type ModelSettings,
  type ModelState,
  type StatedScore,
  type Threat,
  type ThreatScore,
} from '@threatloom/domain';
import type { Severity } from '@threatloom/scoring';

/** The `method` of a ScoreThreat command: what a person chose, before the domain computes. */
export type ScoreMethodInput =
  | { method: 'cvss'; vector: string }
  | { method: 'owasp'; factors: unknown }
  | { method: 'matrix'; likelihood: string; impact: string }
  | { method: 'stated' };

/** The score the domain would record, or why it would refuse (field path as the domain names it). */
export type ThreatScoreOutcome =
  | { ok: true; score: ThreatScore }
  | { ok: false; field: string; message: string; expected: string | null };

const scratchThreatId = 'threat';

function scratchThreat(score: ThreatScore | null): Threat {
  return {
    id: scratchThreatId,
    ref: 1,
    sourceRef: null,
    title: 'Threat',
    description: '',
    stride: 'spoofing',
    linddun: null,
    target: null,
    assetIds: [],
    status: 'open',
    score,
  };
}

// Only the threat being scored and the settings matter to ScoreThreat; the rest is a
// created, unfrozen model and an editor, so the answer is the domain's own rule.
function scratchState(settings: ModelSettings): ModelState {
  return {
    ...initialState(),
    id: 'model',
    settings,
    threats: { [scratchThreatId]: scratchThreat(null) },
  };
}

const editor: CommandContext = {
  actor: { userId: 'user', organisationId: 'organisation', roles: ['editor'] },
  now: '1970-01-01T00:00:00.000Z',
};

/**
 * Decides ScoreThreat with the model's settings and returns the score the
 * domain would record for it (CVSS severity by the model's bands, OWASP's
 * rating, the model's matrix), or the domain's validation error.
 */
export function decideThreatScore(
  method: ScoreMethodInput,
  stated: StatedScore | null,
  settings: ModelSettings,
): ThreatScoreOutcome {
  const result = decide(
    { type: 'ScoreThreat', threatId: scratchThreatId, method, stated },
    scratchState(settings),
    editor,
  );
  if (!result.ok) {
    const { error } = result;
    const field = 'field' in error ? String(error.field) : 'method';
    const expected = error instanceof ValidationError ? error.expected : null;
    return { ok: false, field, message: error.message, expected };
  }
  const scored = result.events.find((event) => event.type === 'ThreatScored');
  if (scored === undefined || scored.type !== 'ThreatScored') {
    return { ok: false, field: 'method', message: 'the domain recorded no score', expected: null };
  }
  return { ok: true, score: scored.data.score };
}

/**
 * The severity the model acts on for a score: the computed one, else the stated
 * severity, else the band of the stated figure (the domain's `threatSeverity`).
 */
export function severityOfScore(
  score: ThreatScore | null,
  settings: ModelSettings,
): Severity | null {
  return threatSeverity(scratchThreat(score), settings);
}

/** The ScoreThreat `method` that records a given score again (what the doc diff sends). */
export function scoreMethodOf(score: ThreatScore): ScoreMethodInput {
  switch (score.method) {
    case 'cvss':
      return { method: 'cvss', vector: score.vector };
    case 'owasp':
      return { method: 'owasp', factors: score.factors };
    case 'matrix':
      return { method: 'matrix', likelihood: score.likelihood, impact: score.impact };
    case 'stated':
      return { method: 'stated' };
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** Whether two scores are the same record, whatever the order of their keys. */
export function isSameThreatScore(a: ThreatScore | null, b: ThreatScore | null): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/**
 * Whether two scores were recorded from the same entries (method inputs and stated
 * score), so that any difference between them comes from the model's settings.
 */
export function isSameScoreInput(a: ThreatScore, b: ThreatScore): boolean {
  return (
    JSON.stringify(canonical([scoreMethodOf(a), a.stated])) ===
    JSON.stringify(canonical([scoreMethodOf(b), b.stated]))
  );
}
