import { type Severity, cvssSeverity } from '../severity.js';
import { calculate } from './calculator.js';
import type { CvssVersion } from './grammar.js';
import { formatCvssVector, parseCvssVector } from './parse.js';
import { CvssVectorError } from './vector-error.js';

/** Every score a CVSS vector yields, with the qualitative severity of each headline figure. */
export interface CvssScore {
  version: CvssVersion;
  /** The vector in the specification's order, without Not Defined ('X') metrics. */
  vector: string;
  baseScore: number;
  baseSeverity: Severity;
  /** CVSS 3.x temporal score; null when no temporal metric is defined, and always for 4.0. */
  temporalScore: number | null;
  /** CVSS 4.0 base + threat score (CVSS-BT); null when no threat metric is defined, and always for 3.x. */
  threatScore: number | null;
  /** Score with the environmental metrics applied (3.x environmental; 4.0 CVSS-BE or CVSS-BTE); null when none is defined. */
  environmentalScore: number | null;
  /** The most specific score present: environmental, else temporal/threat, else base. */
  overallScore: number;
  /** Qualitative rating of overallScore on the CVSS scale. */
  severity: Severity;
}

/** Parses and scores a CVSS 3.0, 3.1 or 4.0 vector; throws CvssVectorError for a malformed one. */
export function scoreCvss(vector: string): CvssScore {
  const parsed = parseCvssVector(vector);
  const normalised = formatCvssVector(parsed);
  const scores = calculate(parsed, normalised);
  const temporalScore = scores.temporal ?? null;
  const threatScore = scores.threat ?? null;
  const environmentalScore = scores.environmental ?? null;
  const overallScore = environmentalScore ?? temporalScore ?? threatScore ?? scores.base;
  return {
    version: parsed.version,
    vector: normalised,
    baseScore: scores.base,
    baseSeverity: cvssSeverity(scores.base),
    temporalScore,
    threatScore,
    environmentalScore,
    overallScore,
    severity: cvssSeverity(overallScore),
  };
}

/** Like scoreCvss, but returns the vector error instead of throwing it. */
export function tryScoreCvss(
  vector: string,
): { ok: true; score: CvssScore } | { ok: false; error: CvssVectorError } {
  try {
    return { ok: true, score: scoreCvss(vector) };
  } catch (error) {
    if (error instanceof CvssVectorError) return { ok: false, error };
    throw error;
  }
}
