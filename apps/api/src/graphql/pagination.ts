import { Type } from '@nestjs/common';
import { Field, Int, ObjectType, type FieldMiddleware } from '@nestjs/graphql';
import { ValidationError } from '../errors/app-error.js';
import { DEFAULT_PAGE_SIZE } from './page-cost.js';

/** Calls a lazy `totalCount` (see ConnectionShape) when the client selected the field. */
const resolveLazyCount: FieldMiddleware = async (_context, next) => {
  const value: unknown = await next();
  return typeof value === 'function' ? (value as () => Promise<number>)() : value;
};

/** Relay-style page information of a connection. */
@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** One page of a list, as returned to GraphQL. */
export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** A number, or a function called only when the client selects the field. */
  totalCount: number | (() => Promise<number>);
}

/**
 * Builds the base of a code-first connection type and its `${name}Edge` type;
 * use as `@ObjectType() class XxxConnection extends Connection(Xxx, 'Xxx') {}`.
 * Connections are forward-only (`first`/`after`): every list the API serves is
 * read in a stable order, and one direction keeps cursors simple.
 */
export function Connection<T>(nodeType: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  // Abstract: the concrete `XxxConnection` class extends it and carries the name.
  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, {
      description: 'Number of items in the whole list, across pages.',
      middleware: [resolveLazyCount],
    })
    totalCount!: number | (() => Promise<number>);
  }
  return ConnectionType as Type<ConnectionShape<T>>;
}

/** Opaque cursor: base64url of a JSON array of the sort key, so clients cannot rely on its shape. */
export function encodeCursor(sortKey: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(sortKey), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor; a malformed one is a VALIDATION error on `after`. */
export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === arity &&
      decoded.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return decoded as (string | number)[];
    }
  } catch {
    // fall through to the validation error below
  }
  throw new ValidationError('after', 'a cursor returned by a previous page');
}

/** Checks `first` against the page-size cap; returns the page size to read. */
export function pageSize(first: number | null | undefined, maxPageSize: number): number {
  const size = first ?? Math.min(DEFAULT_PAGE_SIZE, maxPageSize);
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize) {
    throw new ValidationError('first', `a whole number between 1 and ${maxPageSize}`);
  }
  return size;
}

/**
 * Turns `pageSize + 1` rows (the extra row only tells whether a next page exists)
 * into a connection.
 */
export function toConnection<Row, Node>(
  rows: readonly Row[],
  size: number,
  totalCount: number | (() => Promise<number>),
  cursorOf: (row: Row) => string,
  toNode: (row: Row) => Node,
): ConnectionShape<Node> {
  const page = rows.slice(0, size);
  const edges = page.map((row) => ({ cursor: cursorOf(row), node: toNode(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/**
 * A page of an in-memory list ordered by id (as the read models order their
 * rows), after the id `afterId`: the lists read from a model's state.
 */
export function pageById<Node extends { id: string }>(
  nodes: readonly Node[],
  size: number,
  afterId: string | null,
): ConnectionShape<Node> {
  const sorted = [...nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rest = afterId === null ? sorted : sorted.filter((node) => node.id > afterId);
  return toConnection(
    rest.slice(0, size + 1),
    size,
    sorted.length,
    (node) => encodeCursor([node.id]),
    (node) => node,
  );
}
