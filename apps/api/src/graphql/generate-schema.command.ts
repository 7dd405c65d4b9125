import { writeFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { createApp } from '../app.factory.js';
import { appRoot } from '../config/app-root.js';
import { loadConfig } from '../config/config.schema.js';
import { renderSdl, schemaFilePath } from './schema-sdl.js';

/**
 * `pnpm --filter @threatloom/api schema:generate`: boots the server on an
 * in-memory database, prints the code-first schema and writes schema.graphql.
 * CI's drift test fails when the committed file differs from what this prints.
 */
async function generate(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    DATA_DIR: 'memory://',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
  });
  const app = await createApp({
    ...config,
    database: { ...config.database, url: null, migrationUrl: null },
  });
  try {
    const file = schemaFilePath(appRoot);
    await writeFile(file, renderSdl(app.get(GraphQLSchemaHost).schema));
    console.log(`wrote ${file}`);
  } finally {
    await app.close();
  }
}

generate().catch((error: unknown) => {
  console.error(
    `schema generation failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
