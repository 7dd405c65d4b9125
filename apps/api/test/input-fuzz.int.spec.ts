import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startApiServer, testBackends, type ApiServer } from './support/api-server.js';
import { createModelOwner, type ModelOwner } from './support/model-owner.js';
import {
  introspect,
  operationText,
  variablesFor,
  withValueAt,
  type IntrospectedSchema,
} from './support/schema-operations.js';

const databases = await testBackends();

/** Strings no client should be able to turn into an INTERNAL answer. */
const PAYLOADS = {
  nul: 'a\u0000b',
  'lone surrogate': 'a\ud800b',
  'control characters': '\u0001\u0007\u001b\u007f\u0085',
} as const;

/** Operations that would end the fuzzing session itself; they take no string to fuzz anyway. */
const SKIPPED = new Set(['signOut']);

describe.each(databases)('every string argument fuzzed on $name', ({ isAvailable, create }) => {
  let server: ApiServer;
  let owner: ModelOwner;
  let schema: IntrospectedSchema;
  let modelId: string;

  /** Real ids of the owner's resources, so calls reach the services and the database. */
  function idFor(name: string): string {
    if (name === 'organisationId') return owner.organisationId;
    if (name === 'systemId') return owner.systemId;
    return modelId;
  }

  async function currentVersion(): Promise<number> {
    const events = await server.database.eventStore.readStream(`model-${modelId}`);
    return events.at(-1)?.streamVersion ?? -1;
  }

  beforeAll(async () => {
    if (!isAvailable) return;
    // Introspecting nested list types goes deeper than the default depth limit.
    server = await startApiServer(await create(), { GRAPHQL_MAX_DEPTH: '16' });
    owner = await createModelOwner(server);
    modelId = await owner.createThreatModel('Fuzzed');
    schema = await introspect(server.url);
  });

  afterAll(async () => {
    await server?.close();
  });

  it.skipIf(!isAvailable)(
    'answers NUL, a lone surrogate and control characters in any String or ID with no INTERNAL and no 500',
    async () => {
      const failures: string[] = [];
      let sent = 0;
      for (const field of schema.rootFields) {
        if (SKIPPED.has(field.name)) continue;
        const { variables, strings } = variablesFor(field, schema, idFor);
        for (const position of strings) {
          for (const [what, payload] of Object.entries(PAYLOADS)) {
            const fuzzed = withValueAt(variables, position.path, payload);
            if ('expectedVersion' in fuzzed) fuzzed['expectedVersion'] = await currentVersion();
            const answer = await postGraphQL(
              server.url,
              operationText(field),
              fuzzed,
              owner.headers,
            );
            sent += 1;
            const codes = (answer.errors ?? []).map((error) => error.extensions?.['code']);
            if (answer.status >= 500 || codes.includes('INTERNAL')) {
              failures.push(
                `${field.name} ${position.path.join('.')} (${what}): ${answer.status} ${JSON.stringify(answer.errors)}`,
              );
            }
          }
        }
      }
      expect(sent).toBeGreaterThan(300);
      expect(failures).toEqual([]);
    },
    600_000,
  );
});
