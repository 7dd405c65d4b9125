import { Kind, type FieldNode, type GraphQLError } from 'graphql';

/**
 * The name of the argument that carried `id` in the field an error was raised
 * in (`modelId` in `threats(modelId: ...)`, `id` in `model(id: ...)`), or null.
 * Access checks see only the ids a resolver hands them, so their refusals name
 * the generic field `id`; this names the argument the client actually wrote.
 */
export function argumentHolding(
  error: GraphQLError,
  id: unknown,
  variables: Readonly<Record<string, unknown>>,
): string | null {
  const field = error.nodes?.find((node): node is FieldNode => node.kind === Kind.FIELD);
  for (const argument of field?.arguments ?? []) {
    const value =
      argument.value.kind === Kind.VARIABLE
        ? variables[argument.value.name.value]
        : argument.value.kind === Kind.STRING
          ? argument.value.value
          : undefined;
    if (value === id) return argument.name.value;
  }
  return null;
}
