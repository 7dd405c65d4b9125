import {
  strideCategorySchema,
  threatStatusSchema,
  type StrideCategory,
  type ThreatStatus,
} from '@threatloom/domain';
import { isSeverity, type Severity } from '@threatloom/scoring';

/** The register's columns that sort. */
export const registerColumns = [
  'ref',
  'title',
  'target',
  'stride',
  'score',
  'severity',
  'strategy',
  'owner',
  'status',
] as const;
export type RegisterColumn = (typeof registerColumns)[number];

/** What the register can be grouped by. */
export const registerGroupings = ['target', 'stride', 'severity', 'status'] as const;
export type RegisterGrouping = (typeof registerGroupings)[number];

export type SortDirection = 'ascending' | 'descending';

/** A severity filter: one of the five words, or `unscored`. */
export type SeverityFilter = Severity | 'unscored';

/** What the register shows: filters, sort and grouping; kept in the page's query string. */
export interface RegisterQuery {
  /** Free text, matched against ref, title, target and owners. */
  text: string;
  stride: StrideCategory | null;
  severity: SeverityFilter | null;
  status: ThreatStatus | null;
  /** A target key (`element:<id>`, `flow:<id>` or `none`). */
  target: string | null;
  sort: RegisterColumn;
  direction: SortDirection;
  group: RegisterGrouping | null;
}

/** The register as it first opens: every threat, by ref. */
export const defaultRegisterQuery: RegisterQuery = {
  text: '',
  stride: null,
  severity: null,
  status: null,
  target: null,
  sort: 'ref',
  direction: 'ascending',
  group: null,
};

/** The direction a column sorts in when first chosen: the most severe, the highest score first. */
export function firstDirection(column: RegisterColumn): SortDirection {
  return column === 'severity' || column === 'score' ? 'descending' : 'ascending';
}

/** The query after a click on a column header: that column, or the other direction. */
export function toggledSort(query: RegisterQuery, column: RegisterColumn): RegisterQuery {
  if (query.sort === column) {
    return { ...query, direction: query.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { ...query, sort: column, direction: firstDirection(column) };
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** Reads a register query from a URL's search parameters; anything unknown reads as its default. */
export function parseRegisterQuery(params: URLSearchParams): RegisterQuery {
  const severity = params.get('severity');
  const sort = oneOf(registerColumns, params.get('sort')) ?? defaultRegisterQuery.sort;
  const direction = oneOf(['ascending', 'descending'] as const, params.get('dir'));
  return {
    text: (params.get('q') ?? '').slice(0, 200),
    stride: oneOf(strideCategorySchema.options, params.get('stride')),
    severity: severity === 'unscored' ? 'unscored' : isSeverity(severity) ? severity : null,
    status: oneOf(threatStatusSchema.options, params.get('status')),
    target: params.get('target') || null,
    sort,
    direction: direction ?? firstDirection(sort),
    group: oneOf(registerGroupings, params.get('group')),
  };
}

/** Writes a register query into search parameters, leaving defaults out (and other parameters as they are). */
export function writeRegisterQuery(
  query: RegisterQuery,
  into = new URLSearchParams(),
): URLSearchParams {
  const params = new URLSearchParams(into);
  const set = (name: string, value: string | null): void => {
    if (value === null || value === '') params.delete(name);
    else params.set(name, value);
  };
  set('q', query.text.trim() === '' ? null : query.text);
  set('stride', query.stride);
  set('severity', query.severity);
  set('status', query.status);
  set('target', query.target);
  const isDefaultSort =
    query.sort === defaultRegisterQuery.sort && query.direction === defaultRegisterQuery.direction;
  set('sort', isDefaultSort ? null : query.sort);
  set('dir', query.direction === firstDirection(query.sort) ? null : query.direction);
  set('group', query.group);
  return params;
}

/** True when any filter narrows the register (sorting and grouping do not). */
export function isFiltered(query: RegisterQuery): boolean {
  return (
    query.text.trim() !== '' ||
    query.stride !== null ||
    query.severity !== null ||
    query.status !== null ||
    query.target !== null
  );
}

/** The query without its filters, sorted and grouped as before. */
export function withoutFilters(query: RegisterQuery): RegisterQuery {
  return { ...query, text: '', stride: null, severity: null, status: null, target: null };
}
