import { strideCategories, threatStatusSchema } from '@threatloom/domain';
import { severityRank } from '@threatloom/scoring';
import { strategyLabels } from '../mitigation/mitigation-labels.js';
import { strideLabels, threatStatusLabels } from '../threat/threat-labels.js';
import type {
  RegisterColumn,
  RegisterGrouping,
  RegisterQuery,
  SortDirection,
} from './register-query.js';
import { targetKey, type RegisterRow } from './register-rows.js';
import { severityLabel } from './severity-labels.js';

const statusOrder: readonly string[] = threatStatusSchema.options;

/** Severity as a number to sort by: unscored below none. */
function severityValue(row: RegisterRow): number {
  return row.severity === null ? -1 : severityRank(row.severity);
}

function compareText(a: string, b: string): number {
  return a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });
}

/**
 * How two rows compare by a column. Empty values (no score, no owner, no
 * target) sort after the others in both directions, so the rows that say
 * something come first.
 */
function compareBy(column: RegisterColumn, a: RegisterRow, b: RegisterRow): number {
  switch (column) {
    case 'ref':
      return a.ref - b.ref;
    case 'title':
      return compareText(a.title, b.title);
    case 'target':
      return compareText(a.target?.name ?? '', b.target?.name ?? '');
    case 'stride':
      return strideCategories.indexOf(a.stride) - strideCategories.indexOf(b.stride);
    case 'score':
      return (a.score ?? -1) - (b.score ?? -1);
    case 'severity':
      return severityValue(a) - severityValue(b);
    case 'strategy':
      return compareText(
        a.strategies.map((strategy) => strategyLabels[strategy].label).join(', '),
        b.strategies.map((strategy) => strategyLabels[strategy].label).join(', '),
      );
    case 'owner':
      return compareText(a.owners.join(', '), b.owners.join(', '));
    case 'status':
      return statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status);
  }
}

function isEmpty(column: RegisterColumn, row: RegisterRow): boolean {
  switch (column) {
    case 'target':
      return row.target === null;
    case 'score':
      return row.score === null;
    case 'severity':
      return row.severity === null;
    case 'strategy':
      return row.strategies.length === 0;
    case 'owner':
      return row.owners.length === 0;
    default:
      return false;
  }
}

/** Rows sorted by a column; ties keep ref order. */
export function sortRows(
  rows: readonly RegisterRow[],
  column: RegisterColumn,
  direction: SortDirection,
): RegisterRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const emptyA = isEmpty(column, a);
    const emptyB = isEmpty(column, b);
    if (emptyA !== emptyB) return emptyA ? 1 : -1;
    return sign * compareBy(column, a, b) || a.ref - b.ref;
  });
}

/** True when a row matches the free text: its ref (`12` or `#12`), title, target or owners. */
function matchesText(row: RegisterRow, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (needle === '') return true;
  const ref = needle.startsWith('#') ? needle.slice(1) : needle;
  if (/^\d+$/.test(ref) && String(row.ref) === ref) return true;
  return (
    row.title.toLowerCase().includes(needle) ||
    (row.target?.name.toLowerCase().includes(needle) ?? false) ||
    row.owners.some((owner) => owner.toLowerCase().includes(needle))
  );
}

/** The rows every filter of the query lets through. */
export function filterRows(rows: readonly RegisterRow[], query: RegisterQuery): RegisterRow[] {
  return rows.filter(
    (row) =>
      (query.stride === null || row.stride === query.stride) &&
      (query.status === null || row.status === query.status) &&
      (query.severity === null ||
        (query.severity === 'unscored'
          ? row.severity === null
          : row.severity === query.severity)) &&
      (query.target === null || targetKey(row.target) === query.target) &&
      matchesText(row, query.text),
  );
}

/** A group of the register, in the order groups are shown. */
export interface RegisterGroup {
  key: string;
  label: string;
  rows: RegisterRow[];
}

interface GroupOf {
  key: string;
  label: string;
  order: number | string;
}

function groupOf(row: RegisterRow, grouping: RegisterGrouping): GroupOf {
  switch (grouping) {
    case 'target':
      return row.target
        ? { key: targetKey(row.target), label: row.target.name, order: row.target.name }
        : { key: 'none', label: 'Not attached to an element or flow', order: '\uffff' };
    case 'stride':
      return {
        key: row.stride,
        label: strideLabels[row.stride],
        order: strideCategories.indexOf(row.stride),
      };
    case 'severity':
      return {
        key: row.severity ?? 'unscored',
        label: severityLabel(row.severity),
        order: -severityValue(row),
      };
    case 'status':
      return {
        key: row.status,
        label: threatStatusLabels[row.status] ?? row.status,
        order: statusOrder.indexOf(row.status),
      };
  }
}

/**
 * Rows in groups: targets by name, categories in STRIDE order, the most
 * severe first, statuses in workflow order. Rows keep their order in each group.
 */
export function groupRows(
  rows: readonly RegisterRow[],
  grouping: RegisterGrouping,
): RegisterGroup[] {
  const groups = new Map<string, RegisterGroup & { order: number | string }>();
  for (const row of rows) {
    const { key, label, order } = groupOf(row, grouping);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, label, order, rows: [] }));
    group.rows.push(row);
  }
  return [...groups.values()]
    .sort((a, b) =>
      typeof a.order === 'number' && typeof b.order === 'number'
        ? a.order - b.order
        : compareText(String(a.order), String(b.order)) || compareText(a.key, b.key),
    )
    .map(({ key, label, rows: grouped }) => ({ key, label, rows: grouped }));
}

/** One line of the register's table: a group's heading or a threat. */
export type RegisterLine =
  | { kind: 'group'; key: string; label: string; count: number; isExpanded: boolean }
  | { kind: 'row'; key: string; row: RegisterRow };

/** What the register shows for a query: the lines of its table, and how many threats matched. */
export interface RegisterView {
  lines: RegisterLine[];
  matched: number;
}

/** Filters, sorts and groups the rows into the lines the table shows; collapsed groups show only their heading. */
export function registerView(
  rows: readonly RegisterRow[],
  query: RegisterQuery,
  collapsedGroups: ReadonlySet<string> = new Set(),
): RegisterView {
  const matched = sortRows(filterRows(rows, query), query.sort, query.direction);
  if (query.group === null) {
    return {
      lines: matched.map((row) => ({ kind: 'row', key: row.threatId, row })),
      matched: matched.length,
    };
  }
  const lines: RegisterLine[] = [];
  for (const group of groupRows(matched, query.group)) {
    const isExpanded = !collapsedGroups.has(group.key);
    lines.push({
      kind: 'group',
      key: `group:${group.key}`,
      label: group.label,
      count: group.rows.length,
      isExpanded,
    });
    if (isExpanded)
      for (const row of group.rows) lines.push({ kind: 'row', key: row.threatId, row });
  }
  return { lines, matched: matched.length };
}

/** The targets threats concern, by name, for the target filter. */
export function targetOptions(rows: readonly RegisterRow[]): { key: string; label: string }[] {
  const options = new Map<string, string>();
  let hasDetached = false;
  for (const row of rows) {
    if (row.target) {
      const kind = row.target.kind === 'flow' ? 'data flow' : 'element';
      options.set(targetKey(row.target), `${row.target.name} (${kind})`);
    } else hasDetached = true;
  }
  const sorted = [...options.entries()]
    .map(([key, label]) => ({ key, label }))
    .sort((a, b) => compareText(a.label, b.label));
  return hasDetached ? [...sorted, { key: 'none', label: 'Not attached' }] : sorted;
}
