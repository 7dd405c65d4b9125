import { z } from 'zod';
import { ScoringValidationError } from '../errors.js';
import { type Severity, severityOrder, severityRank } from '../severity.js';
import { toValidationError } from '../validation-issue.js';

/**
 * An organisation's likelihood x impact matrix. Labels run from least to most
 * likely / severe; `cells[l][i]` is the severity for likelihood `l`, impact `i`.
 */
export interface RiskMatrix {
  readonly name: string;
  readonly likelihood: readonly string[];
  readonly impact: readonly string[];
  readonly cells: readonly (readonly Severity[])[];
}

const minSize = 2;
const maxSize = 10;

const labels = (axis: string) =>
  z
    .array(
      z
        .string({ error: `a ${axis} label` })
        .trim()
        .min(1, { error: `a non-empty ${axis} label` }),
      {
        error: `a list of ${minSize}-${maxSize} ${axis} labels, least to most`,
      },
    )
    .min(minSize, { error: `a list of ${minSize}-${maxSize} ${axis} labels, least to most` })
    .max(maxSize, { error: `a list of ${minSize}-${maxSize} ${axis} labels, least to most` });

const matrixSchema = z.strictObject(
  {
    name: z.string({ error: 'a matrix name' }).trim().min(1, { error: 'a non-empty matrix name' }),
    likelihood: labels('likelihood'),
    impact: labels('impact'),
    cells: z.array(
      z.array(
        z.enum(severityOrder as [Severity, ...Severity[]], {
          error: `one of ${severityOrder.join(', ')}`,
        }),
        {
          error: 'a row of severities, one per impact label',
        },
      ),
      { error: 'rows of severities, one row per likelihood label' },
    ),
  },
  { error: 'a matrix { name, likelihood, impact, cells }' },
);

/**
 * Validates an organisation's matrix: 2-10 unique labels per axis, one row per
 * likelihood and one cell per impact, each cell a severity, and severity never
 * falling as likelihood or impact rises (a matrix that did would rank a worse
 * risk lower). Throws ScoringValidationError naming the offending field.
 */
export function defineRiskMatrix(spec: unknown): RiskMatrix {
  const parsed = matrixSchema.safeParse(spec);
  if (!parsed.success) throw toValidationError(parsed.error, 'matrix');
  const { name, likelihood, impact, cells } = parsed.data;

  for (const [axis, list] of [
    ['likelihood', likelihood],
    ['impact', impact],
  ] as const) {
    const duplicate = list.findIndex((label, index) => list.indexOf(label) !== index);
    if (duplicate >= 0) {
      throw new ScoringValidationError(
        `matrix.${axis}[${duplicate}]`,
        `a label not used before ('${list[duplicate]}' is repeated)`,
      );
    }
  }
  if (cells.length !== likelihood.length) {
    throw new ScoringValidationError(
      'matrix.cells',
      `${likelihood.length} rows, one per likelihood label (got ${cells.length})`,
    );
  }
  cells.forEach((row, l) => {
    if (row.length !== impact.length) {
      throw new ScoringValidationError(
        `matrix.cells[${l}]`,
        `${impact.length} cells, one per impact label (got ${row.length})`,
      );
    }
  });
  cells.forEach((row, l) =>
    row.forEach((severity, i) => {
      const left = row[i - 1];
      const below = cells[l - 1]?.[i];
      if (left !== undefined && severityRank(severity) < severityRank(left)) {
        throw new ScoringValidationError(
          `matrix.cells[${l}][${i}]`,
          `at least as severe as cells[${l}][${i - 1}] (${left}): a higher impact must not lower the severity`,
        );
      }
      if (below !== undefined && severityRank(severity) < severityRank(below)) {
        throw new ScoringValidationError(
          `matrix.cells[${l}][${i}]`,
          `at least as severe as cells[${l - 1}][${i}] (${below}): a higher likelihood must not lower the severity`,
        );
      }
    }),
  );
  return Object.freeze({
    name,
    likelihood: Object.freeze([...likelihood]),
    impact: Object.freeze([...impact]),
    cells: Object.freeze(cells.map((row) => Object.freeze([...row]))),
  });
}

/** The severity a matrix assigns to a likelihood and impact label; throws for an unknown label. */
export function assessWithMatrix(matrix: RiskMatrix, likelihood: string, impact: string): Severity {
  const l = matrix.likelihood.indexOf(likelihood);
  if (l < 0)
    throw new ScoringValidationError('likelihood', `one of ${matrix.likelihood.join(', ')}`);
  const i = matrix.impact.indexOf(impact);
  if (i < 0) throw new ScoringValidationError('impact', `one of ${matrix.impact.join(', ')}`);
  const severity = matrix.cells[l]?.[i];
  // defineRiskMatrix guarantees a full grid; a hand-built RiskMatrix may not.
  if (severity === undefined)
    throw new ScoringValidationError(`matrix.cells[${l}][${i}]`, 'a severity');
  return severity;
}
