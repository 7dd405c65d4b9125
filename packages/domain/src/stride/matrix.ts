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

/** Computes the STRIDE-per-element matrix: rows for every element then every flow, cells hold threat refs. */
export function strideMatrix(content: ModelContent): StrideMatrix {
  const rows = new Map<string, StrideMatrixRow>();
  for (const element of Object.values(content.elements)) {
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
  for (const flow of Object.values(content.flows)) {
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
  const unassigned: number[] = [];
  for (const threat of Object.values(content.threats)) {
    const row = threat.target ? rows.get(`${threat.target.kind}:${threat.target.id}`) : undefined;
    if (row) row.cells[threat.stride].push(threat.ref);
    else unassigned.push(threat.ref);
  }
  for (const row of rows.values()) {
    for (const category of strideCategories) row.cells[category].sort((a, b) => a - b);
    row.unexamined = row.suggested.filter((category) => row.cells[category].length === 0);
  }
  return {
    columns: strideCategories,
    rows: [...rows.values()],
    unassigned: unassigned.sort((a, b) => a - b),
  };
}
