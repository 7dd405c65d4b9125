import type { GraphQLField, GraphQLNamedType, GraphQLSchema, GraphQLType } from 'graphql';

// Only types come from 'graphql' here: the server's schema objects belong to the
// server's copy of the module, so helpers from a second copy would refuse them.
/** The named type under any list and non-null wrappers. */
export function namedTypeOf(type: GraphQLType): GraphQLNamedType {
  let current: GraphQLType = type;
  while ('ofType' in current && current.ofType) current = current.ofType as GraphQLType;
  return current as GraphQLNamedType;
}

function isObjectLike(type: GraphQLType): boolean {
  return 'getFields' in namedTypeOf(type) && !('parseValue' in namedTypeOf(type));
}

/** A root field of the schema with the operation type it belongs to. */
export interface RootField {
  key: string;
  operation: 'query' | 'mutation' | 'subscription';
  field: GraphQLField<unknown, unknown>;
}

/** Every root field of the built schema. */
export function rootFields(schema: GraphQLSchema): RootField[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  return roots.flatMap(([operation, type]) =>
    type
      ? Object.values(type.getFields()).map((field) => ({
          key: `${type.name}.${field.name}`,
          operation,
          field,
        }))
      : [],
  );
}

/**
 * Writes the operation calling one root field with the given variables
 * (declared with the schema's own argument types), selecting `__typename` or
 * the given selection on object results.
 */
export function operationFor(
  root: RootField,
  variables: Record<string, unknown>,
  selection?: string,
): string {
  const args = root.field.args.filter(
    (arg) => arg.name in variables || String(arg.type).endsWith('!'),
  );
  const declarations = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const chosen = selection ?? (isObjectLike(root.field.type) ? '{ __typename }' : '');
  return `${root.operation}${declarations ? ` (${declarations})` : ''} { ${root.field.name}${call ? `(${call})` : ''} ${chosen} }`;
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** An answer with every uuid blanked, so answers about different ids compare equal when they say the same. */
export function withoutIds(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null).replace(uuidPattern, '<id>')) as unknown;
}

/** Replaces every string value in variables that is one of `from`'s ids by the matching id of `to`. */
export function swapIds(
  variables: Record<string, unknown>,
  mapping: ReadonlyMap<string, string>,
): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(variables).replace(uuidPattern, (id) => mapping.get(id) ?? id),
  ) as Record<string, unknown>;
}
