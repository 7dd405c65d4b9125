import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelStateStore } from '../src/model-state/model-state.store.js';
import { startApiServer, testBackends, type ApiServer } from './support/api-server.js';
import { createModelOwner, eventually, type ModelOwner } from './support/model-owner.js';

const databases = await testBackends();

/** A milestone every few events, so replays start from them (and must still be exact). */
const MILESTONE_EVERY = 3;

const EXECUTE = `mutation ($modelId: ID!, $expectedVersion: Int!, $command: JSON!) {
  executeModelCommand(modelId: $modelId, expectedVersion: $expectedVersion, command: $command) {
    streamVersion
  }
}`;

/** Everything a model shows, as the live query and a replay must both answer it. */
const MODEL_FIELDS = `
  id name description organisationId systemId isFrozen currentVersion streamVersion
  zones { totalCount edges { cursor node { id name trust parentZoneId } } }
  elements { totalCount edges { cursor node { id kind name zoneId c4Level technology } } }
  flows { totalCount edges { cursor node { id name sourceId destinationId data protocol bidirectional } } }
  threats { totalCount edges { cursor node {
    id ref title stride status targetKind targetId
    score { method vector value severity statedValue }
    mitigations { id strategies action owner status dueDate ticketUrl residualScore residualSeverity }
    decision { id kind rationale transferredTo decidedBy approvedBy decidedAt expiresAt }
  } } }
  riskDecisions { totalCount edges { node { id kind threatId rationale revoked { reason } } } }
  settings { approvalThreshold requiresTicketLinks severityBands { severity min } }
  mitigations { totalCount edges { node { id status action threats { id ref } } } }
  assumptions { totalCount edges { node { id text } } }
  versions { totalCount edges { node { number label } } }
  content
`;

const LIVE = `query ($id: ID!) { model(id: $id) { ${MODEL_FIELDS} } }`;
const AS_OF = `query ($id: ID!, $asOf: ModelAsOfInput!) {
  model(id: $id, asOf: $asOf) { asOf { position streamVersion recordedAt } ${MODEL_FIELDS} }
}`;

const LIVE_VIEWS = `query ($id: ID!) {
  strideMatrix(modelId: $id) { columns unassigned rows { kind id name cells { category refs } } }
  checklist(modelId: $id) { passed items { id passed offenders { kind id ref } } }
}`;
const VIEWS_AS_OF = `query ($id: ID!, $asOf: ModelAsOfInput!) {
  strideMatrix(modelId: $id, asOf: $asOf) { columns unassigned rows { kind id name cells { category refs } } }
  checklist(modelId: $id, asOf: $asOf) { passed items { id passed offenders { kind id ref } } }
}`;

const VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

/** Commands that touch every list the model shows, in order. */
const COMMANDS: Record<string, unknown>[] = [
  { type: 'RenameThreatModel', name: 'Payments platform' },
  { type: 'AddZone', zoneId: 'dmz', name: 'DMZ', trust: 'untrusted' },
  { type: 'AddElement', elementId: 'web', kind: 'process', name: 'Web app', zoneId: 'dmz' },
  { type: 'AddElement', elementId: 'ledger', kind: 'data_store', name: 'Ledger', zoneId: 'dmz' },
  {
    type: 'AddFlow',
    flowId: 'web-ledger',
    name: 'Writes',
    sourceId: 'web',
    destinationId: 'ledger',
    data: 'payments',
    protocol: 'TLS',
  },
  {
    type: 'IdentifyThreat',
    threatId: 'spoofed-login',
    title: 'Spoofed login',
    stride: 'spoofing',
    target: { kind: 'element', id: 'web' },
  },
  { type: 'ScoreThreat', threatId: 'spoofed-login', method: { method: 'cvss', vector: VECTOR } },
  {
    type: 'IdentifyThreat',
    threatId: 'tampered-ledger',
    title: 'Tampered ledger',
    stride: 'tampering',
    target: { kind: 'flow', id: 'web-ledger' },
  },
  {
    type: 'PlanMitigation',
    mitigationId: 'mfa',
    threatIds: ['spoofed-login'],
    strategies: ['mitigate'],
    action: 'Require a second factor',
  },
  {
    type: 'AcceptRisk',
    decisionId: 'accept-tampering',
    threatId: 'tampered-ledger',
    rationale: 'The ledger is append-only and reconciled daily',
  },
  { type: 'RecordAssumption', assumptionId: 'tls', text: 'TLS terminates at the edge' },
  { type: 'ChangeElement', elementId: 'web', name: 'Web front end' },
  { type: 'RemoveFlow', flowId: 'web-ledger', threats: { policy: 'remove' } },
];

interface Point {
  position: number;
  streamVersion: number;
  recordedAt: string;
  /** The live answer right after the event at `position` was stored. */
  live: Record<string, unknown>;
  /** The live STRIDE matrix and checklist then. */
  views: Record<string, unknown>;
}

describe.each(databases)('a model as of a past point on $name', ({ isAvailable, create }) => {
  let server: ApiServer;
  let owner: ModelOwner;
  let outsider: ModelOwner;
  let modelId: string;
  const points: Point[] = [];
  let firstPosition = 0;

  async function storedEvents() {
    return server.database.eventStore.readStream(`model-${modelId}`);
  }

  async function liveModel(streamVersion: number): Promise<Record<string, unknown>> {
    // The lists come from read models, which catch up just after the write.
    return eventually(async () => {
      const answer = await owner.graphql<{ model: Record<string, unknown> }>(LIVE, {
        id: modelId,
      });
      expect(answer.errors).toBeUndefined();
      // The projection writes a model's row and its lists in one transaction.
      expect(answer.data?.model.streamVersion).toBe(streamVersion);
      return answer.data?.model ?? {};
    }, 20_000);
  }

  async function liveViews(): Promise<Record<string, unknown>> {
    const answer = await owner.graphql<Record<string, unknown>>(LIVE_VIEWS, { id: modelId });
    expect(answer.errors).toBeUndefined();
    return answer.data ?? {};
  }

  async function asOf(variables: Record<string, unknown>) {
    return owner.graphql<{ model: Record<string, unknown> & { asOf: Omit<Point, 'live'> } }>(
      AS_OF,
      { id: modelId, ...variables },
    );
  }

  beforeAll(async () => {
    if (!isAvailable) return;
    server = await startApiServer(await create(), {
      MODEL_STATE_MILESTONE_EVERY: String(MILESTONE_EVERY),
    });
    owner = await createModelOwner(server);
    outsider = await createModelOwner(server);
    modelId = await owner.createThreatModel('Payments');
    const stored = await storedEvents();
    firstPosition = stored[0]!.position;
    const created = stored.at(-1)!;
    points.push({
      position: created.position,
      streamVersion: created.streamVersion,
      recordedAt: created.recordedAt.toISOString(),
      live: await liveModel(created.streamVersion),
      views: await liveViews(),
    });
    for (const command of COMMANDS) {
      const expectedVersion = points.at(-1)!.streamVersion;
      // Time passes between the events, so each one has its own instant.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const answer = await owner.graphql(EXECUTE, { modelId, expectedVersion, command });
      expect(answer.errors, JSON.stringify(command)).toBeUndefined();
      const last = (await storedEvents()).at(-1)!;
      points.push({
        position: last.position,
        streamVersion: last.streamVersion,
        recordedAt: last.recordedAt.toISOString(),
        live: await liveModel(last.streamVersion),
        views: await liveViews(),
      });
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it.skipIf(!isAvailable)(
    'answers, at the position of every event, exactly what the live model answered right after it',
    async () => {
      for (const point of points) {
        const answer = await asOf({ asOf: { position: point.position } });
        expect(answer.errors).toBeUndefined();
        const { asOf: reached, ...model } = answer.data!.model;
        expect(reached).toEqual({
          position: point.position,
          streamVersion: point.streamVersion,
          recordedAt: point.recordedAt,
        });
        expect(model, `as of position ${point.position}`).toEqual(point.live);
      }
    },
  );

  it.skipIf(!isAvailable)(
    'answers the STRIDE matrix and the checklist of every past point as they were then',
    async () => {
      for (const point of points) {
        for (const asOf of [{ position: point.position }, { time: point.recordedAt }]) {
          const answer = await owner.graphql(VIEWS_AS_OF, { id: modelId, asOf });
          expect(answer.errors).toBeUndefined();
          expect(answer.data, JSON.stringify(asOf)).toEqual(point.views);
        }
      }
    },
  );

  it.skipIf(!isAvailable)(
    'answers, between two events and at any later position, the model as of the earlier one',
    async () => {
      const renamed = points[1]!;
      const zoned = points[2]!;
      // Other streams' events take positions in between; a position past the last is now.
      for (const position of [renamed.position + 1, zoned.position - 1]) {
        const answer = await asOf({ asOf: { position } });
        expect(answer.data?.model.asOf.streamVersion).toBe(
          position < zoned.position ? renamed.streamVersion : zoned.streamVersion,
        );
      }
      const later = await asOf({ asOf: { position: points.at(-1)!.position + 1_000_000 } });
      const { asOf: reached, ...model } = later.data!.model;
      expect(reached.streamVersion).toBe(points.at(-1)!.streamVersion);
      expect(model).toEqual(points.at(-1)!.live);
    },
  );

  it.skipIf(!isAvailable)(
    'keeps a milestone every few events and starts replays of the past from them',
    async () => {
      const { rows } = await server.database.systemTransaction((trx) =>
        sql<{ stream_version: string; last_position: string }>`
          select stream_version::text, last_position::text from model_state_milestones
          where model_id = ${modelId} order by model_state_milestones.stream_version`.execute(trx),
      );
      const expected = points
        .filter((point) => (point.streamVersion + 1) % MILESTONE_EVERY === 0)
        .map((point) => ({
          stream_version: String(point.streamVersion),
          last_position: String(point.position),
        }));
      expect(expected.length).toBeGreaterThan(2);
      expect(rows.map((row) => ({ ...row }))).toEqual(expected);
      const states = server.app.get(ModelStateStore);
      const used = states.stats.milestonesUsed;
      const point = points.find((candidate) => candidate.streamVersion === 7)!;
      const answer = await asOf({ asOf: { position: point.position } });
      expect(answer.data?.model.asOf.streamVersion).toBe(7);
      expect(states.stats.milestonesUsed).toBe(used + 1);
    },
  );

  it.skipIf(!isAvailable)(
    'keeps again the milestones a replay folds past when they are missing, and answers the same',
    async () => {
      const count = () =>
        server.database.systemTransaction(async (trx) => {
          const { rows } = await sql<{ count: string }>`
            select count(*)::text as count from model_state_milestones where model_id = ${modelId}`.execute(
            trx,
          );
          return Number(rows[0]!.count);
        });
      const kept = await count();
      await server.database.systemTransaction((trx) =>
        sql`delete from model_state_milestones where model_id = ${modelId}`.execute(trx),
      );
      expect(await count()).toBe(0);
      const point = points.at(-2)!;
      const answer = await asOf({ asOf: { position: point.position } });
      const { asOf: reached, ...model } = answer.data!.model;
      expect(reached.streamVersion).toBe(point.streamVersion);
      expect(model).toEqual(point.live);
      // The newest milestone before the point, and none after it.
      const newest = Math.floor((point.streamVersion + 1) / MILESTONE_EVERY) * MILESTONE_EVERY - 1;
      const { rows } = await server.database.systemTransaction((trx) =>
        sql<{ stream_version: string }>`
          select stream_version::text from model_state_milestones where model_id = ${modelId}`.execute(
          trx,
        ),
      );
      expect(rows.map((row) => Number(row.stream_version))).toEqual([newest]);
      expect(kept).toBeGreaterThan(1);
      // The next replay of an earlier point starts from nothing older, and keeps its own.
      const earlier = points.find((candidate) => candidate.streamVersion === 4)!;
      const again = await asOf({ asOf: { position: earlier.position } });
      expect(again.data?.model.asOf.streamVersion).toBe(4);
      expect(await count()).toBe(2);
    },
  );

  it.skipIf(!isAvailable)(
    'answers, as of the time of an event, the model with that event and none after it',
    async () => {
      for (const point of [points[3]!, points[7]!, points.at(-1)!]) {
        const answer = await asOf({ asOf: { time: point.recordedAt } });
        expect(answer.errors).toBeUndefined();
        const { asOf: reached, ...model } = answer.data!.model;
        expect(reached.streamVersion).toBe(point.streamVersion);
        expect(model).toEqual(point.live);
      }
    },
  );

  it.skipIf(!isAvailable)(
    'pages through the threats of a past point with the cursors the live register used',
    async () => {
      const point = points[10]!;
      const answer = await owner.graphql<{
        model: { threats: { edges: { cursor: string; node: { ref: number } }[] } };
      }>(
        'query ($id: ID!, $asOf: ModelAsOfInput!, $after: String) { model(id: $id, asOf: $asOf) { threats(first: 1, after: $after) { edges { cursor node { ref } } } } }',
        {
          id: modelId,
          asOf: { position: point.position },
          after: (point.live['threats'] as { edges: { cursor: string }[] }).edges[0]!.cursor,
        },
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.model.threats.edges.map((edge) => edge.node.ref)).toEqual([2]);
      const filtered = await owner.graphql<{
        model: { threats: { edges: { node: { ref: number } }[] } };
      }>(
        'query ($id: ID!, $asOf: ModelAsOfInput!) { model(id: $id, asOf: $asOf) { threats(filter: { severity: ["critical"] }) { edges { node { ref } } } } }',
        { id: modelId, asOf: { position: point.position } },
      );
      expect(filtered.data?.model.threats.edges.map((edge) => edge.node.ref)).toEqual([1]);
    },
  );

  it.skipIf(!isAvailable)(
    'refuses a point that is not exactly one valid position or time, naming the argument',
    async () => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{}, 'asOf', /exactly one of position or time/],
        [{ position: 1, time: '2026-01-01T00:00:00Z' }, 'asOf', /exactly one of position or time/],
        [{ position: -1 }, 'asOf.position', /global position/],
        [{ time: 'yesterday' }, 'asOf.time', /ISO 8601 time/],
        [{ position: firstPosition - 1 }, 'asOf.position', /creation \(position/],
        [{ time: '2001-01-01T00:00:00Z' }, 'asOf.time', /creation \(position/],
      ];
      for (const [point, field, message] of cases) {
        const answer = await asOf({ asOf: point });
        expect(answer.data ?? null, JSON.stringify(point)).toBeNull();
        const error = answer.errors?.[0] as
          { message: string; extensions?: { code?: string; field?: string } } | undefined;
        expect(error?.extensions?.code, JSON.stringify(point)).toBe('VALIDATION');
        expect(error?.extensions?.field, JSON.stringify(point)).toBe(field);
        expect(error?.message).toMatch(message);
      }
    },
  );

  it.skipIf(!isAvailable)(
    "shows another organisation nothing of the model's past, as it shows nothing of its present",
    async () => {
      const live = await outsider.graphql(LIVE, { id: modelId });
      const past = await outsider.graphql(AS_OF, {
        id: modelId,
        asOf: { position: points[5]!.position },
      });
      expect(live.data ?? null).toBeNull();
      expect(past.data ?? null).toBeNull();
      const code = (answer: typeof live) =>
        (answer.errors?.[0] as { extensions?: { code?: string } } | undefined)?.extensions?.code;
      expect(code(past)).toBe(code(live));
      expect(JSON.stringify(past.errors)).not.toContain('Payments');
    },
  );

  it.skipIf(!isAvailable)('costs a replay like other work over a stream', async () => {
    const aliases = Array.from(
      { length: 10 },
      (_, index) =>
        `m${index}: model(id: $id, asOf: { position: ${points[index]!.position} }) { name }`,
    ).join('\n');
    const answer = await owner.graphql(`query ($id: ID!) { ${aliases} }`, { id: modelId });
    const error = answer.errors?.[0] as
      { extensions?: { code?: string; limit?: string; cost?: number } } | undefined;
    expect(error?.extensions).toMatchObject({ code: 'BAD_REQUEST', limit: 'cost' });
    expect(error?.extensions?.cost).toBeGreaterThanOrEqual(40_000);
  });
});
