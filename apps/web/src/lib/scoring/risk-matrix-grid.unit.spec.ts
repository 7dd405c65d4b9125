import { defaultSettings } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import { isMatrixCell, modelRiskMatrix, riskMatrixRows } from './risk-matrix-grid.js';

const riskMatrix = {
  name: 'Two by three',
  likelihood: ['Unlikely', 'Likely'],
  impact: ['Minor', 'Moderate', 'Major'],
  cells: [
    ['low', 'low', 'medium'],
    ['medium', 'high', 'critical'],
  ],
};

describe('the model’s risk matrix', () => {
  it('is absent when the settings hold none or an invalid one', () => {
    expect(modelRiskMatrix(defaultSettings())).toBeNull();
    expect(modelRiskMatrix({ ...defaultSettings(), riskMatrix: { name: 'broken' } })).toBeNull();
  });

  it('draws the most likely row first, impact rising to the right', () => {
    const matrix = modelRiskMatrix({ ...defaultSettings(), riskMatrix });
    if (matrix === null) throw new Error('no matrix');
    const rows = riskMatrixRows(matrix);
    expect(rows.map((row) => row[0]?.likelihood)).toEqual(['Likely', 'Unlikely']);
    expect(rows[0]?.map((cell) => `${cell.impact}:${cell.severity}`)).toEqual([
      'Minor:medium',
      'Moderate:high',
      'Major:critical',
    ]);
  });

  it('tells whether a recorded pair is still a cell', () => {
    const matrix = modelRiskMatrix({ ...defaultSettings(), riskMatrix });
    if (matrix === null) throw new Error('no matrix');
    expect(isMatrixCell(matrix, 'Likely', 'Major')).toBe(true);
    expect(isMatrixCell(matrix, 'Certain', 'Major')).toBe(false);
  });
});
