import {
  strideCategories,
  strideMatrix,
  type ModelContent,
  type StrideCategory,
  type StrideMatrixRow,
} from '@threatloom/domain';

/** A threat as a matrix cell lists it. */
export interface MatrixThreat {
  id: string;
  /** 0 until the server numbered it. */
  ref: number;
  title: string;
}

/**
 * What one cell of the matrix says:
 * - `threats`: the threats recorded for the category (whether or not it applies);
 * - `gap`: the category applies to the element or flow and nothing covers it;
 * - `declared`: it applies, and a "no threats, because…" declaration covers the row;
 * - `excluded`: it applies, and the element is out of the model's scope;
 * - `not-applicable`: STRIDE-per-element does not suggest it and no threat is recorded.
 */
export type MatrixCell =
  | { kind: 'threats'; threats: MatrixThreat[]; isSuggested: boolean }
  | { kind: 'gap' }
  | { kind: 'declared'; reason: string; declaredBy: string }
  | { kind: 'excluded'; reason: string }
  | { kind: 'not-applicable' };

/** One row: an element or a data flow. */
export interface MatrixRowView {
  kind: 'element' | 'flow';
  id: string;
  name: string;
  /** What it is, in words: "Process", "Data flow crossing a trust boundary"… */
  description: string;
  cells: Record<StrideCategory, MatrixCell>;
  gaps: number;
}

/** Rows under one heading: a zone, the flows between zones, or a kind. */
export interface MatrixGroupView {
  key: string;
  label: string;
  /** A zone's own "no threats" declaration, when it has one. */
  declaration: string | null;
  rows: MatrixRowView[];
}

/** The counts of the summary line. */
export interface MatrixSummary {
  rows: number;
  gaps: number;
  rowsWithGaps: number;
  declaredRows: number;
  threats: number;
}

/** The STRIDE matrix as the page shows it. */
export interface MatrixView {
  groups: MatrixGroupView[];
  summary: MatrixSummary;
  /** Threats attached to no element or flow (their target was removed). */
  unassigned: MatrixThreat[];
}

/** How the matrix groups its rows. */
export type MatrixGrouping = 'zone' | 'kind';

const elementKindLabels: Record<string, string> = {
  external_entity: 'External entity',
  process: 'Process',
  data_store: 'Data store',
};

const kindGroups: { key: string; label: string }[] = [
  { key: 'external_entity', label: 'External entities' },
  { key: 'process', label: 'Processes' },
  { key: 'data_store', label: 'Data stores' },
  { key: 'flow', label: 'Data flows' },
];

function byRef(a: MatrixThreat, b: MatrixThreat): number {
  return a.ref - b.ref || a.id.localeCompare(b.id);
}

function compareNames(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });
}

/**
 * The STRIDE-per-element matrix of the domain (`strideMatrix`) with what a
 * reader needs beside each cell: the threats themselves (to link them), and
 * for an empty cell whether it is a gap, covered by a "no threats"
 * declaration or an exclusion from scope, or a category that does not apply.
 */
export function matrixView(content: ModelContent, grouping: MatrixGrouping): MatrixView {
  const matrix = strideMatrix(content);
  const threatsByCell = new Map<string, MatrixThreat[]>();
  const unassigned: MatrixThreat[] = [];
  for (const threat of Object.values(content.threats)) {
    const listed = { id: threat.id, ref: threat.ref, title: threat.title };
    const target = threat.target;
    const isAttached =
      target &&
      (target.kind === 'element' ? content.elements[target.id] : content.flows[target.id]);
    if (!target || !isAttached) {
      unassigned.push(listed);
      continue;
    }
    const key = `${target.kind}:${target.id}:${threat.stride}`;
    const list = threatsByCell.get(key);
    if (list) list.push(listed);
    else threatsByCell.set(key, [listed]);
  }
  const exclusions = new Map<string, string>();
  for (const exclusion of Object.values(content.scopeExclusions ?? {})) {
    for (const elementId of exclusion.elementIds ?? []) exclusions.set(elementId, exclusion.text);
  }

  const rows = matrix.rows.map((row) => rowView(content, row, threatsByCell, exclusions));
  const summary: MatrixSummary = {
    rows: rows.length,
    gaps: rows.reduce((total, row) => total + row.gaps, 0),
    rowsWithGaps: rows.filter((row) => row.gaps > 0).length,
    declaredRows: rows.filter((row) =>
      strideCategories.some((category) => row.cells[category].kind === 'declared'),
    ).length,
    threats: Object.keys(content.threats).length,
  };
  return {
    groups: grouping === 'zone' ? byZone(content, rows) : byKind(content, rows),
    summary,
    unassigned: unassigned.sort(byRef),
  };
}

function rowView(
  content: ModelContent,
  row: StrideMatrixRow,
  threatsByCell: Map<string, MatrixThreat[]>,
  exclusions: Map<string, string>,
): MatrixRowView {
  const declaration = content.noThreats[`${row.kind}:${row.id}`];
  const exclusion = row.kind === 'element' ? exclusions.get(row.id) : undefined;
  const cells = {} as Record<StrideCategory, MatrixCell>;
  let gaps = 0;
  for (const category of strideCategories) {
    const threats = (threatsByCell.get(`${row.kind}:${row.id}:${category}`) ?? []).sort(byRef);
    const isSuggested = row.suggested.includes(category);
    if (threats.length > 0) cells[category] = { kind: 'threats', threats, isSuggested };
    else if (!isSuggested) cells[category] = { kind: 'not-applicable' };
    else if (declaration) {
      cells[category] = {
        kind: 'declared',
        reason: declaration.reason,
        declaredBy: declaration.declaredBy,
      };
    } else if (exclusion !== undefined) cells[category] = { kind: 'excluded', reason: exclusion };
    else {
      cells[category] = { kind: 'gap' };
      gaps += 1;
    }
  }
  let description: string;
  if (row.kind === 'flow') {
    description = row.crossesBoundary ? 'Data flow crossing a trust boundary' : 'Data flow';
  } else {
    const kind = content.elements[row.id]?.kind ?? '';
    description = elementKindLabels[kind] ?? 'Element';
  }
  return { kind: row.kind, id: row.id, name: row.name || '(unnamed)', description, cells, gaps };
}

function sortRows(rows: MatrixRowView[]): MatrixRowView[] {
  // Elements before flows, each by name.
  return [...rows].sort((a, b) =>
    a.kind === b.kind ? compareNames(a, b) : a.kind === 'element' ? -1 : 1,
  );
}

/** The zone a row belongs to: an element's own, a flow's when both its ends are in it. */
function zoneOf(content: ModelContent, row: MatrixRowView): string | null {
  if (row.kind === 'element') return content.elements[row.id]?.zoneId ?? null;
  const flow = content.flows[row.id];
  const source = flow ? content.elements[flow.sourceId]?.zoneId : undefined;
  const destination = flow ? content.elements[flow.destinationId]?.zoneId : undefined;
  return source !== undefined && source === destination ? source : null;
}

function byZone(content: ModelContent, rows: MatrixRowView[]): MatrixGroupView[] {
  const zoneRows = new Map<string, MatrixRowView[]>();
  const between: MatrixRowView[] = [];
  const unzoned: MatrixRowView[] = [];
  for (const row of rows) {
    const zoneId = zoneOf(content, row);
    if (zoneId !== null && content.zones[zoneId]) {
      const list = zoneRows.get(zoneId);
      if (list) list.push(row);
      else zoneRows.set(zoneId, [row]);
    } else if (row.kind === 'flow') between.push(row);
    else unzoned.push(row);
  }
  const groups: MatrixGroupView[] = Object.values(content.zones)
    .filter((zone) => zoneRows.has(zone.id))
    .sort(compareNames)
    .map((zone) => ({
      key: `zone:${zone.id}`,
      label: `${zone.name} (trust: ${zone.trust.replace(/_/g, ' ')})`,
      declaration: content.noThreats[`zone:${zone.id}`]?.reason ?? null,
      rows: sortRows(zoneRows.get(zone.id) ?? []),
    }));
  if (unzoned.length > 0) {
    groups.push({
      key: 'no-zone',
      label: 'In no zone',
      declaration: null,
      rows: sortRows(unzoned),
    });
  }
  if (between.length > 0) {
    groups.push({
      key: 'between-zones',
      label: 'Data flows between zones',
      declaration: null,
      rows: sortRows(between),
    });
  }
  return groups;
}

function byKind(content: ModelContent, rows: MatrixRowView[]): MatrixGroupView[] {
  return kindGroups
    .map(({ key, label }) => ({
      key: `kind:${key}`,
      label,
      declaration: null,
      rows: sortRows(
        rows.filter((row) =>
          key === 'flow'
            ? row.kind === 'flow'
            : row.kind === 'element' && content.elements[row.id]?.kind === key,
        ),
      ),
    }))
    .filter((group) => group.rows.length > 0);
}

/** Only the rows with a gap, in groups that keep at least one. */
export function onlyGaps(groups: MatrixGroupView[]): MatrixGroupView[] {
  return groups
    .map((group) => ({ ...group, rows: group.rows.filter((row) => row.gaps > 0) }))
    .filter((group) => group.rows.length > 0);
}
