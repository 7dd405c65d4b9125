import {
  type CvssScore,
  type CvssVectorError,
  type Severity,
  cvssSeverity,
} from '@threatloom/scoring';

/** The JSON line written for a vector that scored. */
export type ScoreJson = CvssScore;

/** The JSON line written for a vector that did not parse. */
export interface ScoreErrorJson {
  /** The precise message: metric, value found, what was expected. */
  error: string;
  problem: CvssVectorError['problem'];
  field: string;
  value: string | null;
  expected: string;
  /** The input line as given. */
  input: string;
}

const severityWord: Record<Severity, string> = {
  none: 'None',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/** The JSON object for a scored vector: every CvssScore field, nothing renamed. */
export function scoreToJson(score: CvssScore): ScoreJson {
  return { ...score };
}

/** The JSON object for a vector error, keeping the original input for correlation. */
export function vectorErrorToJson(error: CvssVectorError, input: string): ScoreErrorJson {
  return {
    error: error.message,
    problem: error.problem,
    field: error.field,
    value: error.value,
    expected: error.expected,
    input,
  };
}

/** A readable block for one score: each figure present with its severity word. */
export function formatScoreHuman(score: CvssScore): string {
  const rows: [string, number, Severity][] = [['Base score', score.baseScore, score.baseSeverity]];
  if (score.temporalScore !== null)
    rows.push(['Temporal score', score.temporalScore, cvssSeverity(score.temporalScore)]);
  if (score.threatScore !== null)
    rows.push(['Threat score', score.threatScore, cvssSeverity(score.threatScore)]);
  if (score.environmentalScore !== null) {
    rows.push([
      'Environmental score',
      score.environmentalScore,
      cvssSeverity(score.environmentalScore),
    ]);
  }
  rows.push(['Overall score', score.overallScore, score.severity]);
  const lines = [`CVSS ${score.version}  ${score.vector}`];
  for (const [label, value, severity] of rows) {
    lines.push(`  ${label.padEnd(20)}${value.toFixed(1).padStart(4)}  ${severityWord[severity]}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One summary line per vector for streamed human output: score, severity, vector. */
export function formatScoreLine(score: CvssScore): string {
  return `${score.overallScore.toFixed(1)}\t${severityWord[score.severity]}\t${score.vector}`;
}

/** One summary line for a vector that failed in a stream. */
export function formatErrorLine(error: CvssVectorError): string {
  return `error\t${error.message}`;
}
