import type { ModelSettings, ThreatScore } from '@threatloom/domain';
import type { CvssVersion } from '@threatloom/scoring';
import { cvssMetricEntry, cvssMetricTitle } from './cvss-metric-catalogue.js';
import {
  emptyCvssSelection,
  missingBaseMetrics,
  selectionFromVector,
  vectorFromSelection,
  type CvssSelection,
} from './cvss-selection.js';
import {
  owaspDraftFromFactors,
  owaspFactorsFromDraft,
  unratedOwaspFactors,
  type OwaspDraft,
} from './owasp-factor-catalogue.js';
import { modelRiskMatrix } from './risk-matrix-grid.js';
import {
  readStatedScoreDraft,
  statedScoreDraftOf,
  type StatedScoreDraft,
} from './stated-score-draft.js';
import { decideThreatScore, type ScoreMethodInput } from './threat-score.js';

/** The scoring methods a person can pick from. */
export type ScoreMethodChoice = ThreatScore['method'];

/** The CVSS versions offered for a new vector; 3.0 stays readable and editable when recorded. */
export const offeredCvssVersions: readonly CvssVersion[] = ['3.1', '4.0'];

/**
 * Everything a person has entered while scoring one threat, for every method at
 * once, so switching methods (or CVSS versions) back and forth loses nothing.
 */
export interface ScoreDraft {
  readonly method: ScoreMethodChoice;
  readonly cvssVersion: CvssVersion;
  readonly cvss: Readonly<Partial<Record<CvssVersion, CvssSelection>>>;
  readonly owasp: OwaspDraft;
  /** Whether the business impact factors are rated (OWASP prefers them when known). */
  readonly owaspBusinessImpact: boolean;
  readonly matrix: { readonly likelihood: string | null; readonly impact: string | null };
  /** The score a person or source document gave: the whole score for 'stated', a note beside the others. */
  readonly stated: StatedScoreDraft;
}

/** A draft with nothing entered, starting on CVSS 3.1. */
export function emptyScoreDraft(): ScoreDraft {
  return {
    method: 'cvss',
    cvssVersion: '3.1',
    cvss: {},
    owasp: {},
    owaspBusinessImpact: false,
    matrix: { likelihood: null, impact: null },
    stated: { scoreText: '', severity: '' },
  };
}

/**
 * The draft that shows a recorded score. What the draft holds for other
 * methods is kept (from `previous`), so a score arriving from a co-editor does
 * not wipe what this person is trying elsewhere; null starts afresh.
 */
export function scoreDraftOf(score: ThreatScore | null, previous?: ScoreDraft): ScoreDraft {
  const base = previous ?? emptyScoreDraft();
  if (score === null) return { ...emptyScoreDraft(), method: base.method };
  const withStated = { ...base, method: score.method, stated: statedScoreDraftOf(score.stated) };
  switch (score.method) {
    case 'cvss': {
      const reading = selectionFromVector(score.vector);
      if (!reading.ok) return { ...withStated, cvssVersion: score.cvssVersion };
      const { selection } = reading;
      return {
        ...withStated,
        cvssVersion: selection.version,
        cvss: { ...base.cvss, [selection.version]: selection },
      };
    }
    case 'owasp':
      return {
        ...withStated,
        owasp: owaspDraftFromFactors(score.factors),
        owaspBusinessImpact: score.factors.businessImpact !== undefined,
      };
    case 'matrix':
      return { ...withStated, matrix: { likelihood: score.likelihood, impact: score.impact } };
    case 'stated':
      return withStated;
  }
}

/** The CVSS selection the draft holds for its current version. */
export function currentCvssSelection(draft: ScoreDraft): CvssSelection {
  return draft.cvss[draft.cvssVersion] ?? emptyCvssSelection(draft.cvssVersion);
}

/** What the draft scores as: the domain's record, what is still to choose, or what is wrong. */
export type ScorePreview =
  | { kind: 'scored'; score: ThreatScore }
  /** Still to choose, in words ("Attack Vector (AV)", "Skill level"). */
  | { kind: 'incomplete'; missing: string[] }
  /**
   * The entries cannot be scored: the field path as the domain names it ('stated.score',
   * 'method.vector.AV'), the whole message, and what was expected when the domain says.
   */
  | { kind: 'invalid'; field: string; message: string; expected: string | null };

function methodInput(
  draft: ScoreDraft,
  hasMatrix: boolean,
): { input: ScoreMethodInput } | { missing: string[] } {
  switch (draft.method) {
    case 'cvss': {
      const selection = currentCvssSelection(draft);
      const vector = vectorFromSelection(selection);
      if (vector !== null) return { input: { method: 'cvss', vector } };
      return {
        missing: missingBaseMetrics(selection).map((metric) => {
          const entry = cvssMetricEntry(selection.version, metric);
          return entry === undefined ? metric : cvssMetricTitle(entry);
        }),
      };
    }
    case 'owasp': {
      const factors = owaspFactorsFromDraft(draft.owasp, draft.owaspBusinessImpact);
      if (factors !== null) return { input: { method: 'owasp', factors } };
      return {
        missing: unratedOwaspFactors(draft.owasp, draft.owaspBusinessImpact).map(
          (factor) => factor.name,
        ),
      };
    }
    case 'matrix': {
      const { likelihood, impact } = draft.matrix;
      if (!hasMatrix) return { missing: ['a risk matrix in the model settings'] };
      if (likelihood !== null && impact !== null) {
        return { input: { method: 'matrix', likelihood, impact } };
      }
      return { missing: ['a likelihood and an impact'] };
    }
    case 'stated':
      return { input: { method: 'stated' } };
  }
}

/**
 * Scores the draft the way the domain would record it, once every input its
 * method needs is chosen. The stated score rides along with every method.
 */
export function previewScore(draft: ScoreDraft, settings: ModelSettings): ScorePreview {
  const stated = readStatedScoreDraft(draft.stated);
  if (!stated.ok) {
    return { kind: 'invalid', field: 'stated.score', message: stated.message, expected: null };
  }
  if (draft.method === 'stated' && stated.stated === null) {
    return { kind: 'incomplete', missing: ['a stated figure or severity'] };
  }
  const chosen = methodInput(draft, modelRiskMatrix(settings) !== null);
  if ('missing' in chosen) return { kind: 'incomplete', missing: chosen.missing };
  const outcome = decideThreatScore(chosen.input, stated.stated, settings);
  return outcome.ok
    ? { kind: 'scored', score: outcome.score }
    : {
        kind: 'invalid',
        field: outcome.field,
        message: outcome.message,
        expected: outcome.expected,
      };
}
