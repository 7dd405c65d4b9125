import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScoringValidationError } from '../errors.js';
import { type Severity, severityOrder, severityRank } from '../severity.js';
import { assessWithMatrix, defineRiskMatrix } from './risk-matrix.js';

const fiveByFive = {
  name: 'Enterprise 5x5',
  likelihood: ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'],
  impact: ['Insignificant', 'Minor', 'Moderate', 'Major', 'Severe'],
  cells: [
    ['low', 'low', 'low', 'medium', 'medium'],
    ['low', 'low', 'medium', 'medium', 'high'],
    ['low', 'medium', 'medium', 'high', 'high'],
    ['medium', 'medium', 'high', 'high', 'critical'],
    ['medium', 'high', 'high', 'critical', 'critical'],
  ],
};

function rejection(spec: unknown): { field: string; expected: string } {
  try {
    defineRiskMatrix(spec);
  } catch (error) {
    if (error instanceof ScoringValidationError)
      return { field: error.field, expected: error.expected };
    throw error;
  }
  throw new Error('expected the matrix to be rejected');
}

/** Monotone matrices of any allowed size: each cell is the max of its neighbours below/left plus a random step. */
const monotoneMatrix = fc
  .record({ rows: fc.integer({ min: 2, max: 10 }), columns: fc.integer({ min: 2, max: 10 }) })
  .chain(({ rows, columns }) =>
    fc
      .array(fc.integer({ min: 0, max: 1 }), {
        minLength: rows * columns,
        maxLength: rows * columns,
      })
      .map((steps) => {
        const ranks: number[][] = [];
        for (let l = 0; l < rows; l++) {
          const row: number[] = [];
          for (let i = 0; i < columns; i++) {
            const floor = Math.max(row[i - 1] ?? 0, ranks[l - 1]?.[i] ?? 0);
            row.push(Math.min(4, floor + (steps[l * columns + i] ?? 0)));
          }
          ranks.push(row);
        }
        return {
          name: `${rows}x${columns}`,
          likelihood: Array.from({ length: rows }, (_, l) => `L${l}`),
          impact: Array.from({ length: columns }, (_, i) => `I${i}`),
          cells: ranks.map((row) => row.map((rank) => severityOrder[rank] as Severity)),
        };
      }),
  );

describe('defineRiskMatrix', () => {
  it('accepts a well-formed 5x5 matrix', () => {
    expect(defineRiskMatrix(fiveByFive).cells[4]?.[4]).toBe('critical');
  });

  it('returns a frozen matrix, so a validated matrix cannot be edited into an invalid one', () => {
    const matrix = defineRiskMatrix(fiveByFive);
    expect(Object.isFrozen(matrix.cells[0])).toBe(true);
  });

  it('rejects a matrix with one label on an axis', () => {
    expect(rejection({ ...fiveByFive, likelihood: ['Always'] }).field).toBe('matrix.likelihood');
  });

  it('rejects a repeated label, naming its position', () => {
    const repeated = { ...fiveByFive, impact: ['Minor', 'Minor', 'Moderate', 'Major', 'Severe'] };
    expect(rejection(repeated)).toEqual({
      field: 'matrix.impact[1]',
      expected: "a label not used before ('Minor' is repeated)",
    });
  });

  it('rejects a missing row', () => {
    expect(rejection({ ...fiveByFive, cells: fiveByFive.cells.slice(0, 4) })).toEqual({
      field: 'matrix.cells',
      expected: '5 rows, one per likelihood label (got 4)',
    });
  });

  it('rejects a short row', () => {
    const cells = fiveByFive.cells.map((row, l) => (l === 2 ? row.slice(1) : row));
    expect(rejection({ ...fiveByFive, cells }).field).toBe('matrix.cells[2]');
  });

  it('rejects a cell that is not a severity word', () => {
    const cells = fiveByFive.cells.map((row, l) => (l === 0 ? ['severe', ...row.slice(1)] : row));
    expect(rejection({ ...fiveByFive, cells })).toEqual({
      field: 'matrix.cells[0][0]',
      expected: 'one of none, low, medium, high, critical',
    });
  });

  it('rejects a cell less severe than the one at lower impact', () => {
    const cells = fiveByFive.cells.map((row, l) =>
      l === 4 ? ['medium', 'high', 'high', 'critical', 'high'] : row,
    );
    expect(rejection({ ...fiveByFive, cells }).field).toBe('matrix.cells[4][4]');
  });

  it('rejects a cell less severe than the one at lower likelihood', () => {
    const cells = fiveByFive.cells.map((row, l) =>
      l === 1 ? ['low', 'low', 'low', 'low', 'high'] : row,
    );
    const result = rejection({ ...fiveByFive, cells });
    expect(result.field).toBe('matrix.cells[1][3]');
    expect(result.expected).toContain('a higher likelihood must not lower the severity');
  });

  it('rejects unknown properties instead of ignoring them', () => {
    expect(rejection({ ...fiveByFive, colour: 'red' }).field).toBe('matrix');
  });

  it('accepts every monotone matrix from 2x2 to 10x10', () => {
    fc.assert(
      fc.property(monotoneMatrix, (spec) => {
        expect(defineRiskMatrix(spec).cells).toEqual(spec.cells);
      }),
    );
  });
});

describe('assessWithMatrix', () => {
  const matrix = defineRiskMatrix(fiveByFive);

  it('reads the cell for a likelihood and an impact label', () => {
    expect(assessWithMatrix(matrix, 'Likely', 'Severe')).toBe('critical');
    expect(assessWithMatrix(matrix, 'Rare', 'Major')).toBe('medium');
  });

  it('rejects an unknown likelihood, listing the labels', () => {
    expect(() => assessWithMatrix(matrix, 'Often', 'Minor')).toThrow(
      'likelihood: expected one of Rare, Unlikely, Possible, Likely, Almost certain',
    );
  });

  it('rejects an unknown impact', () => {
    expect(() => assessWithMatrix(matrix, 'Rare', 'Huge')).toThrow(ScoringValidationError);
  });

  it('never gives a lower severity for a higher likelihood or impact', () => {
    fc.assert(
      fc.property(monotoneMatrix, fc.nat(), fc.nat(), (spec, a, b) => {
        const m = defineRiskMatrix(spec);
        const l = a % m.likelihood.length;
        const i = b % m.impact.length;
        const here = severityRank(assessWithMatrix(m, m.likelihood[l] ?? '', m.impact[i] ?? ''));
        const higherLikelihood = m.likelihood[Math.min(l + 1, m.likelihood.length - 1)] ?? '';
        const higherImpact = m.impact[Math.min(i + 1, m.impact.length - 1)] ?? '';
        expect(
          severityRank(assessWithMatrix(m, higherLikelihood, m.impact[i] ?? '')),
        ).toBeGreaterThanOrEqual(here);
        expect(
          severityRank(assessWithMatrix(m, m.likelihood[l] ?? '', higherImpact)),
        ).toBeGreaterThanOrEqual(here);
      }),
    );
  });
});
