import { postGraphQL } from './api-server.js';

/** A type reference as introspection returns it. */
export interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

interface InputValue {
  name: string;
  type: TypeRef;
}

interface IntrospectedType {
  kind: string;
  name: string;
  fields: { name: string; args: InputValue[]; type: TypeRef }[] | null;
  inputFields: InputValue[] | null;
  enumValues: { name: string }[] | null;
}

/** One root field of the schema, with what is needed to call it. */
export interface RootField {
  operation: 'query' | 'mutation';
  name: string;
  args: InputValue[];
  /** Whether the field returns an object (and so needs a selection). */
  returnsObject: boolean;
}

/** Seven levels of wrappers, enough for `[[String!]!]!` (deeper than the default depth limit: raise GRAPHQL_MAX_DEPTH). */
const TYPE_REF = Array.from({ length: 6 }).reduce<string>(
  (inner) => `kind name ofType { ${inner} }`,
  'kind name',
);

/** The schema as introspection tells it: root fields and every named type. */
export interface IntrospectedSchema {
  rootFields: RootField[];
  types: ReadonlyMap<string, IntrospectedType>;
}

/** Asks a running server for its schema (introspection is on outside production). */
export async function introspect(url: string): Promise<IntrospectedSchema> {
  const answer = await postGraphQL<{
    __schema: { types: IntrospectedType[] };
  }>(
    url,
    `{ __schema { types { kind name
        fields { name args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } }
        inputFields { name type { ${TYPE_REF} } }
        enumValues { name } } } }`,
  );
  if (answer.data === null)
    throw new Error(`introspection failed: ${JSON.stringify(answer.errors)}`);
  const types = new Map(answer.data.__schema.types.map((type) => [type.name, type]));
  const rootFields = (['query', 'mutation'] as const).flatMap((operation) =>
    (types.get(operation === 'query' ? 'Query' : 'Mutation')?.fields ?? []).map((field) => {
      const returned = types.get(namedType(field.type));
      return {
        operation,
        name: field.name,
        args: field.args,
        returnsObject: returned?.kind === 'OBJECT' || returned?.kind === 'INTERFACE',
      };
    }),
  );
  return { rootFields, types };
}

/** The named type under NON_NULL and LIST wrappers. */
export function namedType(type: TypeRef): string {
  return type.ofType == null ? (type.name ?? '') : namedType(type.ofType);
}

/** The type as written in a variable definition (`[ID!]!`). */
export function typeLiteral(type: TypeRef): string {
  if (type.kind === 'NON_NULL') return `${typeLiteral(type.ofType as TypeRef)}!`;
  if (type.kind === 'LIST') return `[${typeLiteral(type.ofType as TypeRef)}]`;
  return type.name ?? '';
}

/** The operation text calling `field` with one variable per argument. */
export function operationText(field: RootField): string {
  const definitions = field.args.map((arg) => `$${arg.name}: ${typeLiteral(arg.type)}`);
  const call = field.args.map((arg) => `${arg.name}: $${arg.name}`);
  return `${field.operation}${definitions.length ? ` (${definitions.join(', ')})` : ''} { ${field.name}${
    call.length ? `(${call.join(', ')})` : ''
  }${field.returnsObject ? ' { __typename }' : ''} }`;
}

/** Where a string sits in a variable set, and whether it is an ID. */
export interface StringPosition {
  path: readonly (string | number)[];
  isId: boolean;
}

/**
 * Builds variables of the right shape for `field`: every argument and every
 * input field, optional ones included (so each string can be fuzzed). `idFor`
 * gives the value of an ID by its name (real resources where the caller has them).
 */
export function variablesFor(
  field: RootField,
  schema: IntrospectedSchema,
  idFor: (name: string) => string,
): { variables: Record<string, unknown>; strings: StringPosition[] } {
  const strings: StringPosition[] = [];
  const valueOf = (name: string, type: TypeRef, path: (string | number)[]): unknown => {
    if (type.kind === 'NON_NULL') return valueOf(name, type.ofType as TypeRef, path);
    if (type.kind === 'LIST') return [valueOf(name, type.ofType as TypeRef, [...path, 0])];
    const named = schema.types.get(type.name ?? '');
    switch (type.name) {
      case 'String':
        strings.push({ path, isId: false });
        return 'x';
      case 'ID':
        strings.push({ path, isId: true });
        return idFor(name);
      case 'Int':
        return 0;
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'JSON':
        return {};
      case 'DateTime':
        return '2030-01-01T00:00:00.000Z';
    }
    if (named?.kind === 'ENUM') return named.enumValues?.[0]?.name;
    if (named?.kind === 'INPUT_OBJECT') {
      return Object.fromEntries(
        (named.inputFields ?? []).map((input) => [
          input.name,
          valueOf(input.name, input.type, [...path, input.name]),
        ]),
      );
    }
    throw new Error(`no value for type ${type.name ?? '?'} of ${name}`);
  };
  const variables = Object.fromEntries(
    field.args.map((arg) => [arg.name, valueOf(arg.name, arg.type, [arg.name])]),
  );
  return { variables, strings };
}

/** A copy of `variables` with the value at `path` replaced. */
export function withValueAt(
  variables: Record<string, unknown>,
  path: readonly (string | number)[],
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(variables);
  let holder: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
  holder[path.at(-1) as string | number] = value;
  return copy;
}
