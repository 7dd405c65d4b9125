import { readFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
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
});
