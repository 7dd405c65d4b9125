import {
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  graphql,
  type GraphQLFieldResolver,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { withPlainFieldReads } from './plain-field-reads.js';

/** A resolver shaped like the one @nestjs/graphql attaches to a plain `@Field`. */
function nestPropertyResolver(
  name: string,
  defaultValue?: string,
): GraphQLFieldResolver<unknown, unknown> {
  const rootFieldResolver = (root: Record<string, unknown>) => {
    const value = root[name];
    return value === undefined ? defaultValue : value;
  };
  return rootFieldResolver as GraphQLFieldResolver<unknown, unknown>;
}

function schemaWith(): GraphQLSchema {
  const Threat = new GraphQLObjectType({
    name: 'Threat',
    fields: {
      title: { type: GraphQLString, resolve: nestPropertyResolver('title') },
      status: { type: GraphQLString, resolve: nestPropertyResolver('status', 'open') },
      // Exposed under another name than the property it reads.
      label: { type: GraphQLString, resolve: nestPropertyResolver('title') },
      shout: {
        type: GraphQLString,
        resolve: (root: { title: string }) => root.title.toUpperCase(),
      },
    },
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: { threat: { type: Threat, resolve: () => ({ title: 'Spoofed login' }) } },
    }),
  });
}

describe('withPlainFieldReads', () => {
  it("removes Nest's plain property resolver and keeps every other resolver", () => {
    const schema = withPlainFieldReads(schemaWith());
    const threat = schema.getType('Threat') as GraphQLObjectType;
    expect(threat.getFields()['title']?.resolve).toBeUndefined();
    // A field with a default value needs its resolver to answer the default.
    expect(threat.getFields()['status']?.resolve).toBeDefined();
    expect(threat.getFields()['shout']?.resolve).toBeDefined();
    expect(threat.getFields()['label']?.resolve).toBeDefined();
    expect(schema.getQueryType()?.getFields()['threat']?.resolve).toBeDefined();
  });

  it('answers exactly what the resolvers answered before', async () => {
    const query = '{ threat { title status shout label } }';
    const before = await graphql({ schema: schemaWith(), source: query });
    const after = await graphql({ schema: withPlainFieldReads(schemaWith()), source: query });
    expect(after).toEqual(before);
    expect(after.data).toEqual({
      threat: {
        title: 'Spoofed login',
        status: 'open',
        shout: 'SPOOFED LOGIN',
        label: 'Spoofed login',
      },
    });
  });
});
