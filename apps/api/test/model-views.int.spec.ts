import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODEL_ID, DEMO_ORGANISATION_ID } from '../src/demo/demo-ids.js';
import {
  postGraphQL,
  startApiServer,
  type ApiServer,
  type GraphQLAnswer,
} from './support/api-server.js';
import { eventually } from './support/model-owner.js';

// The views are computed from the stream and the read model, the same SQL on
// both dialects (proven by the other specs); the GenomeWell demo on PGlite
// gives them a realistic model.
describe('model views of the GenomeWell demo model', () => {
  let server: ApiServer;
  let headers: Record<string, string>;

  function query<Data>(
    text: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLAnswer<Data>> {
    return postGraphQL<Data>(server.url, text, { modelId: DEMO_MODEL_ID, ...variables }, headers);
  }

  beforeAll(async () => {
    server = await startApiServer({ kind: 'pglite', dataDir: 'memory://' }, { SEED_DEMO: 'true' });
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation { signIn(email: "demo@threatloom.local", password: "threatloom-demo") { csrfToken } }',
      }),
    });
    const body = (await response.json()) as { data: { signIn: { csrfToken: string } } };
    headers = {
      cookie: response.headers
        .getSetCookie()
        .map((line) => line.split(';')[0])
        .join('; '),
      'x-csrf-token': body.data.signIn.csrfToken,
      'x-threatloom-organisation': DEMO_ORGANISATION_ID,
    };
    await eventually(async () => {
      const answer = await query<{ threats: { totalCount: number } }>(
        'query ($modelId: ID!) { threats(modelId: $modelId, first: 1) { totalCount } }',
      );
      expect(answer.data?.threats.totalCount).toBe(53);
    }, 30_000);
  });

  afterAll(async () => {
    await server.close();
  });

  it('pages through every threat exactly once in ref order', async () => {
    const refs: number[] = [];
    let after: string | null = null;
    for (;;) {
      const answer: GraphQLAnswer<{
        threats: {
          edges: { node: { ref: number } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      }> = await query(
        'query ($modelId: ID!, $after: String) { threats(modelId: $modelId, first: 20, after: $after) { edges { node { ref } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const page = answer.data?.threats;
      if (page === undefined) throw new Error(JSON.stringify(answer.errors));
      refs.push(...page.edges.map((edge) => edge.node.ref));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(refs).toEqual(Array.from({ length: 53 }, (_, index) => index + 1));
  });

  it('filters threats by severity', async () => {
    const answer = await query<{
      threats: { edges: { node: { ref: number; score: { severity: string } } }[] };
    }>(
      'query ($modelId: ID!) { threats(modelId: $modelId, filter: { severity: ["critical"] }) { edges { node { ref score { severity } } } } }',
    );
    const nodes = answer.data?.threats.edges.map((edge) => edge.node) ?? [];
    expect(nodes.map((node) => node.ref)).toContain(22);
    expect(nodes.every((node) => node.score.severity === 'critical')).toBe(true);
  });

  it('places every threat of the model in one cell of the STRIDE matrix', async () => {
    const answer = await query<{
      strideMatrix: {
        columns: string[];
        rows: { cells: { refs: number[] }[] }[];
        unassigned: number[];
      };
    }>(
      'query ($modelId: ID!) { strideMatrix(modelId: $modelId) { columns rows { cells { refs } } unassigned } }',
    );
    const matrix = answer.data?.strideMatrix;
    expect(matrix?.columns).toHaveLength(6);
    const placed = matrix?.rows.flatMap((row) => row.cells.flatMap((cell) => cell.refs)) ?? [];
    expect([...placed, ...(matrix?.unassigned ?? [])].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 53 }, (_, index) => index + 1),
    );
  });

  it("reports threat 22's stated score disagreeing with its vector in the checklist", async () => {
    const answer = await query<{
      checklist: {
        passed: boolean;
        items: { id: string; passed: boolean; offenders: { ref: number | null }[] }[];
      };
    }>(
      'query ($modelId: ID!) { checklist(modelId: $modelId) { passed items { id passed offenders { ref } } } }',
    );
    const consistency = answer.data?.checklist.items.find((item) => item.id === 'consistency');
    expect(consistency?.passed).toBe(false);
    expect(consistency?.offenders.map((offender) => offender.ref)).toContain(22);
  });

  it('gives the checklist the nine case-study items and scoring coverage, with the demo findings', async () => {
    const answer = await query<{
      checklist: {
        passed: boolean;
        items: {
          id: string;
          status: string;
          offenders: { kind: string; id: string; ref: number | null }[];
        }[];
      };
    }>(
      'query ($modelId: ID!) { checklist(modelId: $modelId) { passed items { id status offenders { kind id ref } } } }',
    );
    const items = answer.data?.checklist.items ?? [];
    expect(items.map((item) => `${item.id}:${item.status}`)).toEqual([
      'completeness:finding',
      'clarity:not_attested',
      'specificity:not_attested',
      'traceability:finding',
      'consistency:finding',
      'roles-and-ownership:finding',
      'assumptions:pass',
      'rationales:finding',
      'external-validation:finding',
      'scoring-coverage:finding',
    ]);
    const offendersOf = (id: string) => items.find((item) => item.id === id)?.offenders ?? [];
    // 47 of the 53 threats are unscored in the case study: findings, not silent passes.
    expect(offendersOf('scoring-coverage')).toHaveLength(47);
    expect(offendersOf('roles-and-ownership').filter((o) => o.kind === 'threat')).toHaveLength(47);
    // The case study's Critical/High mitigations link no ticket.
    expect(
      offendersOf('traceability')
        .filter((o) => o.kind === 'mitigation')
        .map((o) => o.ref),
    ).toEqual([10, 22, 31, 42, 51]);
    // The lab and the carriers are out of scope; the mobile app's own flows have no threat yet.
    expect(offendersOf('completeness').map((o) => `${o.kind}:${o.id}`)).toEqual([
      'flow:f-mobile-api',
      'flow:f-mobile-auth',
    ]);
  });

  it('models the mobile app talking to the API gateway and the auth service, both ways, with protocols', async () => {
    const answer = await query<{
      model: {
        flows: {
          edges: {
            node: {
              id: string;
              sourceId: string;
              destinationId: string;
              protocol: string;
              bidirectional: boolean;
            };
          }[];
        };
      };
    }>(
      'query ($modelId: ID!) { model(id: $modelId) { flows(first: 50) { edges { node { id sourceId destinationId protocol bidirectional } } } } }',
    );
    const flows = answer.data?.model.flows.edges.map((edge) => edge.node) ?? [];
    expect(flows).toHaveLength(15);
    expect(flows.every((flow) => flow.bidirectional)).toBe(true);
    const mobile = flows
      .filter((flow) => flow.sourceId === 'mobile-app')
      .map((flow) => `${flow.destinationId}:${flow.protocol}`);
    expect(mobile).toEqual([
      'api-gateway:HTTPS (GraphQL/REST, JWT bearer)',
      'auth-service:OIDC / OAuth 2.1',
    ]);
    expect(flows.find((flow) => flow.id === 'f-logic-rds')?.protocol).toBe(
      'PostgreSQL over TLS (IAM auth)',
    );
  });

  it('gives every asset the business impact the case study describes', async () => {
    const answer = await query<{
      model: {
        assets: { edges: { node: { id: string; businessImpact: string; description: string } }[] };
      };
    }>(
      'query ($modelId: ID!) { model(id: $modelId) { assets(first: 50) { edges { node { id businessImpact description } } } } }',
    );
    const assets = answer.data?.model.assets.edges.map((edge) => edge.node) ?? [];
    expect(Object.fromEntries(assets.map((asset) => [asset.id, asset.businessImpact]))).toEqual({
      'a-audit': 'medium',
      'a-consent': 'high',
      'a-credentials': 'high',
      'a-genomic': 'critical',
      'a-reports': 'high',
      'a-tokens': 'high',
    });
    expect(assets.every((asset) => asset.description.length > 0)).toBe(true);
  });

  it('diffs the empty model against the seeded one as every threat added', async () => {
    const head = await server.database.eventStore.headPosition();
    const answer = await query<{ modelDiff: { threats: { added: string[]; removed: string[] } } }>(
      'query ($modelId: ID!, $to: Int!) { modelDiff(modelId: $modelId, fromPosition: 0, toPosition: $to) { threats { added removed } } }',
      { to: head },
    );
    expect(answer.data?.modelDiff.threats.added).toHaveLength(53);
    expect(answer.data?.modelDiff.threats.removed).toEqual([]);
  });

  it('answers a diff whose range is reversed with VALIDATION on toPosition', async () => {
    const answer = await query(
      'query ($modelId: ID!) { modelDiff(modelId: $modelId, fromPosition: 10, toPosition: 5) { threats { added } } }',
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION',
      field: 'toPosition',
    });
  });
});
