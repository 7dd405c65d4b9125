import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/** The name @nestjs/graphql gives the resolver it attaches to every plain `@Field`. */
const NEST_PROPERTY_RESOLVER = 'rootFieldResolver';

/** A value no field holds, to see where a resolver reads from. */
const PROBE = Symbol('probe');

/**
 * Whether `resolve` is the resolver Nest attaches to a plain `@Field` without
 * middleware and without a `defaultValue`: it only reads the parent's property
 * of the field's schema name, as GraphQL's own default resolution does. It is
 * probed twice: it must hand back what sits under that name, and answer
 * undefined for an empty parent (one with a default answers the default; one
 * reading a property of another name answers neither).
 */
function isPlainPropertyRead(
  fieldName: string,
  resolve: GraphQLFieldResolver<unknown, unknown> | undefined,
): boolean {
  if (resolve === undefined || resolve.name !== NEST_PROPERTY_RESOLVER) return false;
  const read = resolve as (root: object) => unknown;
  return read({ [fieldName]: PROBE }) === PROBE && read({}) === undefined;
}

/**
 * Removes the resolver Nest puts on every plain output field, so those fields
 * resolve by GraphQL's default property read. Why: graphql-jit compiles a
 * field without a resolver into a direct property read, but calls a resolver
 * (with its error and promise handling) once per field per object otherwise;
 * on the threat register page that is over a thousand calls per request for
 * nothing. Fields with resolvers of their own (`@ResolveField`, middleware,
 * defaults) keep them. Returns the schema it changed.
 */
export function withPlainFieldReads(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (isPlainPropertyRead(field.name, field.resolve)) field.resolve = undefined;
    }
  }
  return schema;
}
