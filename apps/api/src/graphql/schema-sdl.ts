import { printSchema, type GraphQLSchema } from 'graphql';
import { join } from 'node:path';

/** The committed SDL file: apps/api/schema.graphql. */
export function schemaFilePath(appRoot: string): string {
  return join(appRoot, 'schema.graphql');
}

/** The SDL as committed: a header, then the (already sorted) schema. */
export function renderSdl(schema: GraphQLSchema): string {
  return `# Generated from the code-first schema by \`pnpm --filter @threatloom/api schema:generate\`; do not edit.\n\n${printSchema(schema)}\n`;
}
