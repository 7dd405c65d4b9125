import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_DEPTH } from '../src/graphql/argument-guard.js';
import { MAX_QUERY_NODES } from '../src/graphql/query-cost.js';
import {
  postGraphQL,
  startApiServer,
  testBackends,
  type ApiServer,
  type GraphQLAnswer,
} from './support/api-server.js';
import { createModelOwner, type ModelOwner } from './support/model-owner.js';

const databases = await testBackends();

const RENAME = `mutation ($modelId: ID!, $expectedVersion: Int!, $input: RenameThreatModelInput!) {
  renameThreatModel(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) { streamVersion }
}`;
const ADD_ZONE = `mutation ($modelId: ID!, $expectedVersion: Int!, $input: AddZoneInput!) {
  addZone(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) { streamVersion }
}`;
const ADD_ELEMENT = `mutation ($modelId: ID!, $expectedVersion: Int!, $input: AddElementInput!) {
  addElement(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) { streamVersion }
}`;
const IDENTIFY = `mutation ($modelId: ID!, $expectedVersion: Int!, $input: IdentifyThreatInput!) {
  identifyThreat(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) { streamVersion }
}`;
const SCORE = `mutation ($modelId: ID!, $expectedVersion: Int!, $input: ScoreThreatInput!) {
  scoreThreat(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) { streamVersion }
}`;
const PLAN = `mutation ($modelId: ID!, $expectedVersion: Int!, $input: PlanMitigationInput!) {
  planMitigation(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) { streamVersion }
}`;
const CREATE_ORGANISATION =
  'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }';
const MODEL = 'query ($id: ID!) { model(id: $id) { name streamVersion } }';

/** The first error's message and extensions, side by side. */
function firstError(answer: GraphQLAnswer): Record<string, unknown> & { message?: string } {
  return { message: answer.errors?.[0]?.message, ...answer.errors?.[0]?.extensions };
}

describe.each(databases)('input checks over GraphQL on $name', ({ isAvailable, create }) => {
  let server: ApiServer;
  let owner: ModelOwner;
  let modelId: string;

  async function currentVersion(): Promise<number> {
    const events = await server.database.eventStore.readStream(`model-${modelId}`);
    return events.at(-1)?.streamVersion ?? -1;
  }

  async function send(query: string, input: unknown): Promise<GraphQLAnswer> {
    return owner.graphql(query, { modelId, expectedVersion: await currentVersion(), input });
  }

  beforeAll(async () => {
    if (!isAvailable) return;
    server = await startApiServer(await create());
    owner = await createModelOwner(server);
    modelId = await owner.createThreatModel('Payments');
    for (const [query, input] of [
      [ADD_ZONE, { zoneId: 'core', name: 'Core', trust: 'trusted' }],
      [ADD_ELEMENT, { elementId: 'api', kind: 'process', name: 'API', zoneId: 'core' }],
      [
        IDENTIFY,
        {
          threatId: 'threat-1',
          title: 'Forged requests',
          stride: 'spoofing',
          target: { kind: 'element', id: 'api' },
        },
      ],
    ] as const) {
      expect((await send(query, input)).errors).toBeUndefined();
    }
  });

  afterAll(async () => {
    await server?.close();
  });

  it.skipIf(!isAvailable)(
    'refuses a model name of a million characters naming input.name and the limit, and keeps the name',
    async () => {
      const answer = await send(RENAME, { name: 'x'.repeat(1_000_000) });
      expect(firstError(answer)).toMatchObject({
        code: 'VALIDATION',
        field: 'input.name',
        expected: 'at most 200 characters',
        message: 'input.name: expected at most 200 characters',
      });
      const model = await owner.graphql<{ model: { name: string } }>(MODEL, { id: modelId });
      expect(model.data?.model.name).toBe('Payments');
    },
    120_000,
  );

  it.skipIf(!isAvailable)(
    'refuses a threat title over the limit and a hundred thousand tags',
    async () => {
      const title = await send(IDENTIFY, {
        threatId: 'threat-2',
        title: 't'.repeat(201),
        stride: 'tampering',
        target: { kind: 'element', id: 'api' },
      });
      expect(firstError(title)).toMatchObject({
        code: 'VALIDATION',
        field: 'input.title',
        expected: 'at most 200 characters',
      });
      const tags = await send(ADD_ELEMENT, {
        elementId: 'db',
        kind: 'data_store',
        name: 'Database',
        zoneId: 'core',
        tags: Array.from({ length: 100_000 }, (_, index) => `t${index}`),
      });
      expect(firstError(tags)).toMatchObject({
        code: 'VALIDATION',
        field: 'input.tags',
        expected: 'at most 50 item(s)',
      });
    },
    120_000,
  );

  it.skipIf(!isAvailable)('refuses whitespace-only names like empty ones', async () => {
    expect(firstError(await send(RENAME, { name: '   ' }))).toMatchObject({
      code: 'VALIDATION',
      field: 'input.name',
    });
    const organisation = await owner.graphql(CREATE_ORGANISATION, {
      input: { name: ' \t ', slug: 'blank-name' },
    });
    expect(firstError(organisation)).toMatchObject({ code: 'VALIDATION', field: 'input.name' });
  });

  it.skipIf(!isAvailable)('refuses a javascript: ticket URL and stores an https one', async () => {
    const plan = (mitigationId: string, ticketUrl: string) =>
      send(PLAN, {
        mitigationId,
        threatIds: ['threat-1'],
        strategies: ['mitigate'],
        action: 'Sign requests',
        ticketUrl,
      });
    expect(firstError(await plan('m-1', 'javascript:alert(1)'))).toMatchObject({
      code: 'VALIDATION',
      field: 'input.ticketUrl',
      expected: 'an http or https URL',
    });
    expect((await plan('m-2', 'https://tickets.example/SEC-1')).errors).toBeUndefined();
  });

  it.skipIf(!isAvailable)(
    'refuses NUL and unpaired surrogates in strings with VALIDATION, not INTERNAL',
    async () => {
      for (const [query, input, field] of [
        [RENAME, { name: 'Pay\u0000ments' }, 'input.name'],
        [ADD_ZONE, { zoneId: 'dmz', name: 'D\ud800MZ', trust: 'low' }, 'input.name'],
      ] as const) {
        expect(firstError(await send(query, input))).toMatchObject({ code: 'VALIDATION', field });
      }
      const slug = await owner.graphql(CREATE_ORGANISATION, {
        input: { name: 'Acme', slug: 'ac\u0000me' },
      });
      expect(firstError(slug)).toMatchObject({ code: 'VALIDATION', field: 'input.slug' });
      const literal = await owner.graphql(
        `mutation { createOrganisation(input: { name: "Ac\\u0000me", slug: "acme-literal" }) { id } }`,
      );
      expect(firstError(literal)).toMatchObject({ code: 'VALIDATION', field: 'input.name' });
    },
  );

  it.skipIf(!isAvailable)('answers {"query":42} with VALIDATION on query and 400', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...owner.headers },
      body: '{"query":42}',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLAnswer;
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION',
      field: 'query',
      expected: 'a GraphQL document as a string',
    });
  });

  it.skipIf(!isAvailable)(
    'refuses a JSON argument nested 5,000 deep with VALIDATION naming it',
    async () => {
      const depth = 5_000;
      const factors = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...owner.headers },
        body: `{"query":${JSON.stringify(SCORE)},"variables":{"modelId":"${modelId}","expectedVersion":${await currentVersion()},"input":{"threatId":"threat-1","method":"owasp","factors":${factors}}}}`,
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as GraphQLAnswer;
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'VALIDATION',
        field: expect.stringMatching(/^input\.factors/),
        expected: `a JSON value nested at most ${MAX_INPUT_DEPTH} levels deep`,
      });
    },
  );

  it.skipIf(!isAvailable)('answers a mutation sent with GET with 405 and a code', async () => {
    const query = encodeURIComponent('mutation { signOut }');
    const response = await fetch(`${server.url}/graphql?query=${query}`, {
      headers: owner.headers,
    });
    expect(response.status).toBe(405);
    const body = (await response.json()) as GraphQLAnswer;
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it.skipIf(!isAvailable)(
    'names the same field in the message as in field: a CVSS vector and a stated score',
    async () => {
      const vector = firstError(
        await send(SCORE, { threatId: 'threat-1', method: 'cvss', vector: 'garbage' }),
      );
      expect(vector).toMatchObject({ code: 'VALIDATION' });
      expect(String(vector.field)).toMatch(/^input\.vector/);
      expect(vector.message?.startsWith(`${String(vector.field)}:`)).toBe(true);
      const stated = firstError(
        await send(SCORE, { threatId: 'threat-1', method: 'stated', statedScore: 11 }),
      );
      expect(stated).toMatchObject({ code: 'VALIDATION', field: 'input.statedScore' });
      expect(stated.message?.startsWith('input.statedScore:')).toBe(true);
    },
  );

  it.skipIf(!isAvailable)('names the modelId argument when the model is not found', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const answer = await owner.graphql('query ($m: ID!) { threats(modelId: $m) { totalCount } }', {
      m: unknown,
    });
    expect(firstError(answer)).toMatchObject({ code: 'NOT_FOUND', field: 'modelId' });
    const byId = await owner.graphql('query ($id: ID!) { model(id: $id) { name } }', {
      id: unknown,
    });
    expect(firstError(byId)).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it.skipIf(!isAvailable)(
    'gives GraphQL variable coercion errors a field and an expectation',
    async () => {
      const cases: [unknown, string, string][] = [
        [{ zoneId: 'z', name: 'Z', trust: 'bogus' }, 'input.trust', 'one of the TrustLevel values'],
        [{ zoneId: 'z', name: 5, trust: 'low' }, 'input.name', 'a string'],
        [{ zoneId: 'z', trust: 'low' }, 'input.name', 'a value of type String!'],
        [
          { zoneId: 'z', name: 'Z', trust: 'low', extra: 1 },
          'input.extra',
          'only the fields AddZoneInput defines',
        ],
        ['zone', 'input', 'an AddZoneInput object'],
      ];
      for (const [input, field, expected] of cases) {
        const answer = await send(ADD_ZONE, input);
        expect(firstError(answer)).toMatchObject({ code: 'VALIDATION', field, expected });
      }
    },
  );

  it.skipIf(!isAvailable)(
    'says an API token expiry that is not a date-time must be ISO 8601',
    async () => {
      const answer = await owner.graphql(
        'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }',
        {
          input: {
            organisationId: owner.organisationId,
            roleCeiling: 'viewer',
            name: 'ci',
            expiresAt: 'tomorrow',
          },
        },
      );
      const error = firstError(answer);
      expect(error).toMatchObject({ code: 'VALIDATION', field: 'input.expiresAt' });
      expect(error.expected).toMatch(/^an ISO 8601 date-time/);
      expect(error.message).not.toMatch(/received Date/);
    },
  );

  it.skipIf(!isAvailable)('refuses an operation over the node limit with limit nodes', async () => {
    const fields = Array.from(
      { length: MAX_QUERY_NODES + 1 },
      (_, index) => `a${index}: __typename`,
    );
    const answer = await postGraphQL(server.url, `{ ${fields.join(' ')} }`, {}, owner.headers);
    expect(answer.status).toBe(400);
    expect(firstError(answer)).toMatchObject({
      code: 'BAD_REQUEST',
      limit: 'nodes',
      maxNodes: MAX_QUERY_NODES,
    });
  });
});
