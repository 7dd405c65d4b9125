import {
  ScoringValidationError,
  assessWithMatrix,
  defineRiskMatrix,
  owaspRiskRating,
  type OwaspFactors,
} from '@threatloom/scoring';
import { IllegalState, ValidationError } from '../errors.js';
import type { ModelSettings, StatedScore, ThreatScore } from '../model/types.js';

type RatedMethod =
  { method: 'owasp'; factors?: unknown } | { method: 'matrix'; likelihood: string; impact: string };

function asValidation(error: unknown, prefix: string): never {
  if (error instanceof ScoringValidationError) {
    throw new ValidationError(`${prefix}${error.field}`, error.expected);
  }
  throw error;
}

/** Scores by OWASP Risk Rating or by the model's own likelihood x impact matrix. */
export function computeRatedScore(
  method: RatedMethod,
  settings: ModelSettings,
  stated: StatedScore | null,
): ThreatScore {
  if (method.method === 'owasp') {
    try {
      const factors = method.factors as OwaspFactors;
      const rating = owaspRiskRating(factors);
      return {
        method: 'owasp',
        factors,
        likelihoodScore: rating.likelihoodScore,
        impactScore: rating.impactScore,
        score: null,
        severity: rating.severity,
        stated,
      };
    } catch (error) {
      return asValidation(error, 'method.');
    }
  }
  if (settings.riskMatrix === null) {
    throw new IllegalState('method', 'the model has no risk matrix; set one in its settings first');
  }
  try {
    const matrix = defineRiskMatrix(settings.riskMatrix);
    return {
      method: 'matrix',
      likelihood: method.likelihood,
      impact: method.impact,
      score: null,
      severity: assessWithMatrix(matrix, method.likelihood, method.impact),
      stated,
    };
  } catch (error) {
    return asValidation(error, 'method.');
  }
}
