import { Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import { ValidationError } from '../errors/app-error.js';

/** Deepest nesting of objects and lists in one variable (a JSON argument included). */
export const MAX_INPUT_DEPTH = 32;
/** Most values (scalars, objects and lists counted alike) in one JSON argument. */
export const MAX_INPUT_VALUES = 10_000;

/** What every string argument is expected to be. */
export const STORABLE_TEXT_EXPECTED = 'text without NUL characters or unpaired surrogates';

/**
 * NUL (PostgreSQL cannot store it in text or jsonb) and UTF-16 surrogates that
 * do not form a pair (they have no UTF-8 encoding): refused in every string a
 * client sends, whatever the field, so neither reaches a resolver or the database.
 */
// eslint-disable-next-line no-control-regex
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function refuseString(value: string, field: string): void {
  if (unstorable.test(value)) throw new ValidationError(field, STORABLE_TEXT_EXPECTED);
}

/**
 * Checks every variable before execution: strings hold only storable text and
 * nesting stays within MAX_INPUT_DEPTH (the body limit bounds the size).
 * Iterative, so a value nested thousands of levels deep cannot exhaust the
 * stack. Throws a ValidationError naming the path (`input.factors.a`).
 */
export function assertAcceptableVariables(variables: Record<string, unknown> | undefined): void {
  if (variables === undefined || variables === null) return;
  const pending: { value: unknown; field: string; depth: number }[] = Object.entries(variables).map(
    ([name, value]) => ({ value, field: name, depth: 0 }),
  );
  while (pending.length > 0) {
    const { value, field, depth } = pending.pop() as (typeof pending)[number];
    if (typeof value === 'string') {
      refuseString(value, field);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      throw new ValidationError(field, `a value nested at most ${MAX_INPUT_DEPTH} levels deep`);
    }
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value);
    for (const [key, item] of entries) {
      refuseString(key, `${field}.${key}`);
      pending.push({ value: item, field: `${field}.${key}`, depth: depth + 1 });
    }
  }
}

/** The argument path of a literal (`input.name`), from the arguments and object fields around it. */
function literalPath(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string {
  return ancestors
    .flatMap((ancestor) =>
      'kind' in ancestor && (ancestor.kind === Kind.ARGUMENT || ancestor.kind === Kind.OBJECT_FIELD)
        ? [ancestor.name.value]
        : [],
    )
    .join('.');
}

/** Checks every string literal written in the document itself, as assertAcceptableVariables does variables. */
export function assertAcceptableLiterals(document: DocumentNode): void {
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      const around = [...ancestors, ...(parent === undefined ? [] : [parent])];
      refuseString(node.value, literalPath(around as (ASTNode | readonly ASTNode[])[]) || 'query');
    },
  });
}
