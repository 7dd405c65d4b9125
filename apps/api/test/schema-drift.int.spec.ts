import { readFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../src/config/app-root.js';
import { renderSdl, schemaFilePath } from '../src/graphql/schema-sdl.js';
import { startApiServer, type ApiServer } from './support/api-server.js';

describe('the committed GraphQL schema', () => {
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApiServer({ kind: 'pglite', dataDir: 'memory://' });
  });

  afterAll(async () => {
    await server.close();
  });

  it('matches the schema the code builds (run `pnpm --filter @threatloom/api schema:generate` after changing it)', async () => {
    const committed = await readFile(schemaFilePath(appRoot), 'utf8');
    const generated = renderSdl(server.app.get(GraphQLSchemaHost).schema);
    expect(committed).toBe(generated);
  });

  it('serves plain fields as property reads and keeps real field resolvers', () => {
    // The schema mercurius executes, after the driver's transformSchema.
    const served = (
      server.app.getHttpAdapter().getInstance() as unknown as { graphql: { schema: GraphQLSchema } }
    ).graphql.schema;
    const fieldOf = (type: string, field: string) =>
      (served.getType(type) as GraphQLObjectType).getFields()[field];
    expect(fieldOf('Threat', 'title')?.resolve).toBeUndefined();
    expect(fieldOf('Threat', 'mitigations')?.resolve).toBeUndefined();
    expect(fieldOf('ThreatModel', 'settings')?.resolve).toBeDefined();
    expect(fieldOf('Query', 'threats')?.resolve).toBeDefined();
  });
});
