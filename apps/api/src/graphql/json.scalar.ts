import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { MAX_INPUT_DEPTH, MAX_INPUT_VALUES } from './argument-guard.js';

/**
 * Refuses a JSON value nested deeper than MAX_INPUT_DEPTH or holding more than
 * MAX_INPUT_VALUES values (iteratively, so depth cannot exhaust the stack).
 * Variables are checked before execution as well; this also covers literals.
 */
function assertBoundedJson(value: unknown): unknown {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let count = 0;
  while (pending.length > 0) {
    const next = pending.pop() as (typeof pending)[number];
    count += 1;
    if (count > MAX_INPUT_VALUES) {
      throw new GraphQLError(`Expected a JSON value of at most ${MAX_INPUT_VALUES} values`);
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= MAX_INPUT_DEPTH) {
      throw new GraphQLError(`Expected a JSON value nested at most ${MAX_INPUT_DEPTH} levels deep`);
    }
    for (const item of Object.values(next.value))
      pending.push({ value: item, depth: next.depth + 1 });
  }
  return value;
}

function literalValue(node: ValueNode, depth = 0): unknown {
  if (depth > MAX_INPUT_DEPTH) {
    throw new GraphQLError(`Expected a JSON value nested at most ${MAX_INPUT_DEPTH} levels deep`);
  }
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, literalValue(field.value, depth + 1)]),
      );
    case Kind.LIST:
      return node.values.map((value) => literalValue(value, depth + 1));
    case Kind.NULL:
      return null;
    default:
      // Variables inside a literal are resolved by graphql-js before parseLiteral sees them.
      return undefined;
  }
}

/**
 * Any JSON value. Used where the domain's zod schema is the authority on the
 * shape (command payloads), so the shape is validated once, by the domain.
 */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: `Any JSON value (nested at most ${MAX_INPUT_DEPTH} levels, at most ${MAX_INPUT_VALUES} values); its shape is validated by the operation that receives it.`,
  serialize: (value) => value,
  parseValue: assertBoundedJson,
  parseLiteral: (node) => assertBoundedJson(literalValue(node)),
});
