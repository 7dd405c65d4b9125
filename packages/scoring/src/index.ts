export { ScoringValidationError } from './errors.js';
export {
  type Severity,
  severityOrder,
  severityRank,
  isSeverity,
  cvssSeverity,
} from './severity.js';
export {
  type CvssVersion,
  type CvssMetricGroup,
  type CvssMetricDefinition,
  cvssVersions,
  cvssGrammar,
} from './cvss/grammar.js';
export { CvssVectorError, type CvssVectorProblem } from './cvss/vector-error.js';
export { type ParsedCvssVector, parseCvssVector, formatCvssVector } from './cvss/parse.js';
export { type CvssScore, scoreCvss, tryScoreCvss } from './cvss/score.js';
export {
  type SeverityBand,
  bandSeverities,
  defaultSeverityBands,
  validateSeverityBands,
  bandFor,
  severityFor,
  bandForSeverity,
} from './bands/severity-bands.js';
export {
  type OwaspFactors,
  type OwaspLevel,
  type OwaspSeverity,
  type OwaspRating,
  owaspRiskRating,
} from './owasp/owasp-risk-rating.js';
export { type RiskMatrix, defineRiskMatrix, assessWithMatrix } from './matrix/risk-matrix.js';
export {
  type EffectivenessLevel,
  type MitigationStatus,
  type MitigationEffect,
  type ResidualRiskOptions,
  type ResidualRisk,
  effectivenessLevels,
  residualRisk,
} from './residual/residual-risk.js';
export {
  type AggregateRisk,
  riskPoints,
  aggregateRisk,
  aggregateSystemRisk,
  compareAggregateRisk,
  rankByRisk,
} from './aggregate/aggregate-risk.js';
