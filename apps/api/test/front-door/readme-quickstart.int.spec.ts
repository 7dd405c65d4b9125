import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../../src/config/app-root.js';
import {
  DEMO_MODEL_ID,
  DEMO_ORGANISATION_ID,
  DEMO_SYSTEM_ID,
  DEMO_VENDOR_MODEL_ID,
  DEMO_VENDOR_ORGANISATION_ID,
  DEMO_VENDOR_SYSTEM_ID,
} from '../../src/demo/demo-ids.js';
import { CookieBrowser } from '../identity/support/cookie-browser.js';
import { graphql, type GraphQLAnswer } from '../identity/support/graphql-client.js';
import { startTestServer, type TestServer } from '../identity/support/identity-test-server.js';
import { eventually } from '../tenancy/support/tenancy-world.js';

/** The GraphQL blocks of the README's "The first hour" section, by operation name, as written. */
async function quickstartBlocks(): Promise<Map<string, string>> {
  const readme = await readFile(join(appRoot, '..', '..', 'README.md'), 'utf8');
  const start = readme.indexOf('\n## The first hour\n');
  expect(start, 'README has a "The first hour" section').toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const blocks = new Map<string, string>();
  for (const match of section.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    const text = match[1] ?? '';
    const name = /^(?:query|mutation)\s+(\w+)/m.exec(text)?.[1];
    if (name === undefined) throw new Error(`a README block has no operation name:\n${text}`);
    blocks.set(name, text);
  }
  return blocks;
}

interface ThreatPage {
  totalCount?: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { ref: number; title: string } }[];
}

describe('the README quickstart, run as written against a server with the demo', () => {
  let server: TestServer;
  let blocks: Map<string, string>;
  const browser = new CookieBrowser();
  let csrfToken = '';

  /** Runs one README block with the browser's cookie and CSRF token; fails on errors. */
  async function run<Data>(name: string, variables: Record<string, unknown> = {}): Promise<Data> {
    const block = blocks.get(name);
    if (block === undefined) throw new Error(`the README has no ${name} block`);
    const answer: GraphQLAnswer<Data> = await graphql<Data>(
      browser,
      server.baseUrl,
      block,
      variables,
      csrfToken ? { csrfToken } : {},
    );
    expect(answer.errors, `${name}: ${JSON.stringify(answer.errors)}`).toBeUndefined();
    return answer.data as Data;
  }

  beforeAll(async () => {
    blocks = await quickstartBlocks();
    server = await startTestServer('pglite', {
      SEED_DEMO: 'true',
      DEMO_ACCOUNT_PASSWORD: 'threatloom-demo',
    });
  });
  afterAll(async () => server?.close());

  it('has the blocks the section walks through, naming the demo model by its fixed id', () => {
    expect([...blocks.keys()]).toEqual([
      'SignIn',
      'Models',
      'Systems',
      'Threats',
      'MoreThreats',
      'Stride',
      'Checklist',
    ]);
    for (const name of ['Threats', 'MoreThreats', 'Stride', 'Checklist']) {
      expect(blocks.get(name)).toContain(`"${DEMO_MODEL_ID}"`);
    }
  });

  it('signs in and answers the csrfToken', async () => {
    const data = await run<{ signIn: { user: { email: string }; csrfToken: string } }>('SignIn');
    expect(data.signIn.user.email).toBe('demo@threatloom.local');
    expect(data.signIn.csrfToken).toMatch(/^[\w-]{20,}$/);
    csrfToken = data.signIn.csrfToken;
  });

  it('lists the demo model', async () => {
    const data = await run<{ models: { edges: { node: { id: string; name: string } }[] } }>(
      'Models',
    );
    expect(data.models.edges.map((edge) => edge.node.id)).toContain(DEMO_MODEL_ID);
  });

  it('lists the system GenomeWell owns and the vendor system shared with it as editor', async () => {
    const data = await run<{ systems: { edges: { node: Record<string, unknown> }[] } }>('Systems');
    expect(data.systems.edges.map((edge) => edge.node)).toEqual([
      {
        id: DEMO_SYSTEM_ID,
        name: 'GenomeWell platform',
        ownerOrganisationId: DEMO_ORGANISATION_ID,
        modelIds: [DEMO_MODEL_ID],
        shares: [],
      },
      {
        id: DEMO_VENDOR_SYSTEM_ID,
        name: 'Helix LIMS',
        ownerOrganisationId: DEMO_VENDOR_ORGANISATION_ID,
        modelIds: [DEMO_VENDOR_MODEL_ID],
        shares: [{ granteeOrganisationId: DEMO_ORGANISATION_ID, role: 'editor' }],
      },
    ]);
  });

  it('pages through every threat of the demo model', async () => {
    // The read model is filled in the background after the demo is seeded.
    await eventually(async () => {
      const page = await run<{ threats: ThreatPage }>('Threats');
      return (page.threats.totalCount ?? 0) > 50;
    });
    const first = (await run<{ threats: ThreatPage }>('Threats')).threats;
    expect(first.edges).toHaveLength(50);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (
      await run<{ threats: ThreatPage }>('MoreThreats', { after: first.pageInfo.endCursor })
    ).threats;
    const refs = [...first.edges, ...rest.edges].map((edge) => edge.node.ref);
    expect(new Set(refs).size).toBe(first.totalCount);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('shows the STRIDE matrix and the checklist', async () => {
    const stride = await run<{ strideMatrix: { columns: string[]; rows: unknown[] } }>('Stride');
    expect(stride.strideMatrix.columns.length).toBeGreaterThan(0);
    expect(stride.strideMatrix.rows.length).toBeGreaterThan(0);
    const checklist = await run<{ checklist: { items: { id: string }[] } }>('Checklist');
    expect(checklist.checklist.items.length).toBeGreaterThan(0);
  });

  it('signs in again while signed in when the CSRF token is sent, starting a fresh session', async () => {
    const data = await run<{ signIn: { csrfToken: string } }>('SignIn');
    expect(data.signIn.csrfToken).not.toBe(csrfToken);
    csrfToken = data.signIn.csrfToken;
  });

  it('says what to send when signing in again without the CSRF token', async () => {
    const answer = await graphql(browser, server.baseUrl, blocks.get('SignIn') ?? '');
    expect(answer.status).toBe(403);
    expect(answer.errors?.[0]?.extensions?.['reason']).toBe('CSRF');
    expect(answer.errors?.[0]?.message).toMatch(/x-csrf-token.*csrfToken|csrfToken.*x-csrf-token/);
    expect(answer.errors?.[0]?.message).toContain('sign out');
  });

  it('describes the default page size it applies', async () => {
    const schema = await graphql<{
      __type: { fields: { name: string; args: { name: string; description: string }[] }[] };
    }>(
      browser,
      server.baseUrl,
      '{ __type(name: "Query") { fields { name args { name description } } } }',
    );
    const description =
      schema.data?.__type.fields
        .find((field) => field.name === 'threats')
        ?.args.find((arg) => arg.name === 'first')?.description ?? '';
    const describedDefault = Number(/Default: (\d+)/.exec(description)?.[1]);
    const unpaged = await graphql<{ threats: ThreatPage }>(
      browser,
      server.baseUrl,
      `{ threats(modelId: "${DEMO_MODEL_ID}") { edges { node { ref } } } }`,
    );
    expect(unpaged.data?.threats.edges.length).toBe(describedDefault);
  });
});
