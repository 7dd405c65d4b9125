import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../identity/support/identity-test-server.js';
import { as, ok } from './support/tenancy-actors.js';
import {
  addMember,
  newOrganisation,
  newSystem,
  type TestOrganisation,
} from './support/tenancy-world.js';

const PAGE =
  'query ($first: Int, $after: String) { systems(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }';
const REGISTER =
  'mutation ($input: RegisterSystemInput!) { registerSystem(input: $input) { id name criticalityTier tags } }';

interface Page {
  systems: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { name: string } }[];
  };
}

describe('systems', () => {
  let server: TestServer;
  let owner: TestOrganisation;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    owner = await newOrganisation(server, 'portfolio');
    for (const name of ['Charlie backend', 'Alpha portal', 'Bravo mobile'])
      await newSystem(server, owner, name);
  });
  afterAll(async () => server?.close());

  it('pages through the organisation systems by name with opaque cursors', async () => {
    const first = await ok<Page>(server, owner.admin, PAGE, { first: 2 });
    expect(first.systems.edges.map((edge) => edge.node.name)).toEqual([
      'Alpha portal',
      'Bravo mobile',
    ]);
    expect(first.systems.totalCount).toBe(3);
    expect(first.systems.pageInfo.hasNextPage).toBe(true);
    const second = await ok<Page>(server, owner.admin, PAGE, {
      first: 2,
      after: first.systems.pageInfo.endCursor,
    });
    expect(second.systems.edges.map((edge) => edge.node.name)).toEqual(['Charlie backend']);
    expect(second.systems.pageInfo.hasNextPage).toBe(false);
  });

  it('registers a system with its criticality tier and deduplicated tags', async () => {
    const data = await ok<{
      registerSystem: { name: string; criticalityTier: number; tags: string[] };
    }>(server, owner.admin, REGISTER, {
      input: { name: 'Delta lab', criticalityTier: 1, tags: ['lab', 'lab', 'pii'] },
    });
    expect(data.registerSystem).toMatchObject({
      name: 'Delta lab',
      criticalityTier: 1,
      tags: ['lab', 'pii'],
    });
  });

  it('names the field as sent when the criticality tier is out of range', async () => {
    const answer = await as(server, owner.admin, REGISTER, {
      input: { name: 'Echo', criticalityTier: 7 },
    });
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION',
      field: 'input.criticalityTier',
      expected: 'a tier from 1 to 4',
    });
    expect(answer.errors?.[0]?.message).toMatch(/^input\.criticalityTier: /);
  });

  it('refuses an editor registering a system', async () => {
    const editor = await addMember(server, owner, 'editor');
    const answer = await as(server, editor, REGISTER, {
      input: { name: 'Foxtrot', criticalityTier: 2 },
    });
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
