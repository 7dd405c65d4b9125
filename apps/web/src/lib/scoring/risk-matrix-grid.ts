import type { ModelSettings } from '@threatloom/domain';
import {
  ScoringValidationError,
  defineRiskMatrix,
  type RiskMatrix,
  type Severity,
} from '@threatloom/scoring';

/** One cell of the matrix as the picker shows it. */
export interface RiskMatrixCell {
  readonly likelihood: string;
  readonly impact: string;
  readonly severity: Severity;
}

/** The model's matrix, or null when it has none or what it holds is not a valid matrix. */
export function modelRiskMatrix(settings: ModelSettings): RiskMatrix | null {
  if (settings.riskMatrix === null || settings.riskMatrix === undefined) return null;
  try {
    return defineRiskMatrix(settings.riskMatrix);
  } catch (error) {
    if (error instanceof ScoringValidationError) return null;
    throw error;
  }
}

/**
 * The matrix as rows to draw, most likely first (as risk matrices are drawn,
 * likelihood rising upwards), each row's cells from least to most impact.
 */
export function riskMatrixRows(matrix: RiskMatrix): RiskMatrixCell[][] {
  return matrix.likelihood
    .map((likelihood, l) =>
      matrix.impact.map((impact, i) => ({
        likelihood,
        impact,
        severity: matrix.cells[l]?.[i] ?? 'none',
      })),
    )
    .reverse();
}

/** Whether a recorded likelihood/impact pair is still a cell of the matrix. */
export function isMatrixCell(matrix: RiskMatrix, likelihood: string, impact: string): boolean {
  return matrix.likelihood.includes(likelihood) && matrix.impact.includes(impact);
}
