import {
  ScoringValidationError,
  defineRiskMatrix,
  validateSeverityBands,
} from '@threatloom/scoring';
import { ValidationError } from '../errors.js';
import type { z } from 'zod';
import type { modelSettingsInputSchema } from './commands.js';
import type { ModelSettings } from './types.js';

function scoringFailure(error: unknown, field: string, expected: string): never {
  if (error instanceof ScoringValidationError) {
    // Scoring names its own argument first ('bands', 'matrix'); ours is `field`.
    throw new ValidationError(`${field}${error.field.replace(/^[A-Za-z]+/, '')}`, error.expected);
  }
  throw new ValidationError(
    field,
    expected,
    error instanceof Error ? error.message : String(error),
  );
}

/**
 * Applies a settings input over a base: bands are validated by scoring (contiguous,
 * one per severity), a matrix must define a full grid, `riskMatrix: null` removes it.
 */
export function resolveSettings(
  input: z.output<typeof modelSettingsInputSchema>,
  base: ModelSettings,
  field: string,
): ModelSettings {
  let severityBands = base.severityBands;
  if (input.severityBands !== undefined) {
    try {
      severityBands = validateSeverityBands(input.severityBands);
    } catch (error) {
      scoringFailure(
        error,
        `${field}.severityBands`,
        'contiguous bands covering 0.1-10.0, one per severity',
      );
    }
  }
  let riskMatrix = base.riskMatrix;
  if (input.riskMatrix === null) riskMatrix = null;
  else if (input.riskMatrix !== undefined) {
    try {
      defineRiskMatrix(input.riskMatrix);
      riskMatrix = input.riskMatrix;
    } catch (error) {
      scoringFailure(error, `${field}.riskMatrix`, 'a likelihood x impact matrix');
    }
  }
  return {
    severityBands,
    approvalThreshold: input.approvalThreshold ?? base.approvalThreshold,
    riskMatrix,
    requiresTicketLinks: input.requiresTicketLinks ?? base.requiresTicketLinks,
  };
}
