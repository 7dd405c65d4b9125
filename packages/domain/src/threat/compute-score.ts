import { bandFor, tryScoreCvss } from '@threatloom/scoring';
import { ValidationError } from '../errors.js';
import type { ModelSettings, ThreatScore } from '../model/types.js';
import type { ScoreThreat } from './commands.js';
import { computeRatedScore } from './compute-rated-score.js';

/**
 * Turns a scoring request into the score the event records. The computed figure is
 * stored in the event so history shows what the model said at the time, even if the
 * scoring rules change later. Severity of numeric scores follows the model's bands.
 */
export function computeThreatScore(command: ScoreThreat, settings: ModelSettings): ThreatScore {
  const stated = command.stated;
  const method = command.method;
  switch (method.method) {
    case 'cvss': {
      const result = tryScoreCvss(method.vector);
      if (!result.ok) {
        throw new ValidationError(
          `method.vector.${result.error.field}`,
          result.error.expected,
          result.error.value === null ? 'nothing' : `'${result.error.value}'`,
        );
      }
      const score = result.score.overallScore;
      return {
        method: 'cvss',
        vector: result.score.vector,
        cvssVersion: result.score.version,
        score,
        severity: bandFor(score, settings.severityBands)?.severity ?? 'none',
        stated,
      };
    }
    case 'stated': {
      if (stated === null || (stated.score === null && stated.severity === null)) {
        throw new ValidationError('stated', 'a stated score or severity when method is "stated"');
      }
      return { method: 'stated', score: null, severity: null, stated };
    }
    default:
      return computeRatedScore(method, settings, stated);
  }
}
