import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

function literalValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, literalValue(field.value)]),
      );
    case Kind.LIST:
      return node.values.map(literalValue);
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
  description: 'Any JSON value; its shape is validated by the operation that receives it.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literalValue,
});
