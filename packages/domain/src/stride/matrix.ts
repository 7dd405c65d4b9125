import { boundaryCrossing } from '../flow/crossing.js';
import type { ModelContent } from '../model/types.js';
import type { StrideCategory } from '../model/vocabulary.js';
import { strideCategories } from './categories.js';
import { suggestStrideCategories } from './rules.js';

/** One row of the STRIDE matrix: an element or a flow, its suggestions and its threat refs per column. */
export interface StrideMatrixRow {
  kind: 'element' | 'flow';
  id: string;
  name: string;
  /** The element's zone; for a flow, the zones of its source and destination. */
  zoneIds: string[];
  crossesBoundary: boolean;
  suggested: StrideCategory[];
  cells: Record<StrideCategory, number[]>;
  /** Suggested categories that have no threat yet: where to look next. */
  unexamined: StrideCategory[];
}

export interface StrideMatrix {
  columns: readonly StrideCategory[];
  rows: StrideMatrixRow[];
  /** Refs of threats without an element or flow (detached by a removal). */
  unassigned: number[];
}

function emptyCells(): Record<StrideCategory, number[]> {
  return Object.fromEntries(strideCategories.map((c) => [c, [] as number[]])) as Record<
    StrideCategory,
    number[]
  >;
}

/** Rows (elements or flows) built per step of `strideMatrixSteps`. */
export const STRIDE_MATRIX_STEP_ROWS = 250;

/** The STRIDE matrix as separate computations, and the matrix once every step ran. */
export interface StrideMatrixSteps {
  /** Run in order: rows of elements, then of flows, a slice per step; then the threats. */
  steps: (() => void)[];
  /** The matrix the steps built (call once, after every step). */
  matrix: () => StrideMatrix;
}

/**
 * The STRIDE-per-element matrix as steps of bounded work: `strideMatrix`
 * runs them all at once, a caller with a large model can run them one at a
 * time.
 */
export function strideMatrixSteps(content: ModelContent): StrideMatrixSteps {
  const rows = new Map<string, StrideMatrixRow>();
  const unassigned: number[] = [];
  const elements = Object.values(content.elements);
  const flows = Object.values(content.flows);
  const steps: (() => void)[] = [];
  for (let start = 0; start < elements.length; start += STRIDE_MATRIX_STEP_ROWS) {
    steps.push(() => {
      for (const element of elements.slice(start, start + STRIDE_MATRIX_STEP_ROWS)) {
        rows.set(`element:${element.id}`, {
          kind: 'element',
          id: element.id,
          name: element.name,
          zoneIds: [element.zoneId],
          crossesBoundary: false,
          suggested: suggestStrideCategories(content, element.id).categories,
          cells: emptyCells(),
          unexamined: [],
        });
      }
    });
  }
  for (let start = 0; start < flows.length; start += STRIDE_MATRIX_STEP_ROWS) {
    steps.push(() => {
      for (const flow of flows.slice(start, start + STRIDE_MATRIX_STEP_ROWS)) {
        const crossing = boundaryCrossing(content, flow);
        rows.set(`flow:${flow.id}`, {
          kind: 'flow',
          id: flow.id,
          name: flow.name,
          zoneIds: [crossing.sourceZoneId, crossing.destinationZoneId].filter(
            (zone): zone is string => zone !== null,
          ),
          crossesBoundary: crossing.crossesBoundary,
          suggested: suggestStrideCategories(content, flow.id).categories,
          cells: emptyCells(),
          unexamined: [],
        });
      }
    });
  }
  steps.push(() => {
    for (const threat of Object.values(content.threats)) {
      const row = threat.target ? rows.get(`${threat.target.kind}:${threat.target.id}`) : undefined;
      if (row) row.cells[threat.stride].push(threat.ref);
      else unassigned.push(threat.ref);
    }
  });
  steps.push(() => {
    for (const row of rows.values()) {
      for (const category of strideCategories) row.cells[category].sort((a, b) => a - b);
      row.unexamined = row.suggested.filter((category) => row.cells[category].length === 0);
    }
  });
  return {
    steps,
    matrix: () => ({
      columns: strideCategories,
      rows: [...rows.values()],
      unassigned: unassigned.sort((a, b) => a - b),
    }),
  };
}

/** Computes the STRIDE-per-element matrix: rows for every element then every flow, cells hold threat refs. */
export function strideMatrix(content: ModelContent): StrideMatrix {
  const built = strideMatrixSteps(content);
  for (const step of built.steps) step();
  return built.matrix();
}
