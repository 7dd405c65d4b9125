import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServer, testBackends, type ApiServer } from './support/api-server.js';
import { createModelOwner, type ModelOwner } from './support/model-owner.js';

const databases = await testBackends();

const EXECUTE = `mutation ($modelId: ID!, $expectedVersion: Int!, $command: JSON!) {
  executeModelCommand(modelId: $modelId, expectedVersion: $expectedVersion, command: $command) {
    streamVersion
  }
}`;

const LOG = `query ($modelId: ID!, $filter: DecisionLogFilter, $first: Int, $after: String) {
  decisionLog(modelId: $modelId, filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      kind summary rationale subject actor organisation roles recordedAt position streamVersion
      threats { id ref title }
    } }
  }
}`;

const VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

interface Entry {
  kind: string;
  summary: string;
  rationale: string | null;
  subject: string | null;
  actor: string;
  organisation: string;
  roles: string[] | null;
  recordedAt: string;
  position: number;
  streamVersion: number;
  threats: { id: string; ref: number | null; title: string | null }[];
}

interface LogPage {
  decisionLog: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: Entry }[];
  };
}

describe.each(databases)('the decision log on $name', ({ isAvailable, create }) => {
  let server: ApiServer;
  let owner: ModelOwner;
  let modelId: string;
  let ownerId: string;

  async function execute(command: Record<string, unknown>): Promise<void> {
    const events = await server.database.eventStore.readStream(`model-${modelId}`);
    const answer = await owner.graphql(EXECUTE, {
      modelId,
      expectedVersion: events.at(-1)!.streamVersion,
      command,
    });
    expect(answer.errors, JSON.stringify(command)).toBeUndefined();
  }

  async function log(variables: Record<string, unknown> = {}): Promise<LogPage['decisionLog']> {
    const answer = await owner.graphql<LogPage>(LOG, { modelId, ...variables });
    expect(answer.errors).toBeUndefined();
    return answer.data!.decisionLog;
  }

  beforeAll(async () => {
    if (!isAvailable) return;
    server = await startApiServer(await create());
    owner = await createModelOwner(server);
    const me = await owner.graphql<{ me: { user: { id: string } } }>('{ me { user { id } } }');
    ownerId = me.data!.me.user.id;
    modelId = await owner.createThreatModel('Payments');
    for (const command of [
      { type: 'AddZone', zoneId: 'dmz', name: 'DMZ', trust: 'untrusted' },
      { type: 'AddElement', elementId: 'web', kind: 'process', name: 'Web app', zoneId: 'dmz' },
      {
        type: 'IdentifyThreat',
        threatId: 'spoof',
        title: 'Spoofed login',
        stride: 'spoofing',
        target: { kind: 'element', id: 'web' },
      },
      {
        type: 'IdentifyThreat',
        threatId: 'tamper',
        title: 'Tampered session',
        stride: 'tampering',
        target: { kind: 'element', id: 'web' },
      },
      { type: 'ScoreThreat', threatId: 'spoof', method: { method: 'cvss', vector: VECTOR } },
      {
        type: 'PlanMitigation',
        mitigationId: 'mfa',
        threatIds: ['spoof'],
        strategies: ['mitigate'],
        action: 'Require a second factor',
        owner: 'Alice',
      },
      { type: 'ReviseMitigation', mitigationId: 'mfa', owner: 'Bob' },
      {
        type: 'AcceptRisk',
        decisionId: 'accept-spoof',
        threatId: 'spoof',
        rationale: '=HYPERLINK("http://evil.example","click") monitored, "quoted", and, commas',
      },
      { type: 'RevokeRiskDecision', decisionId: 'accept-spoof', reason: 'Monitoring stopped' },
      {
        type: 'TransferRisk',
        decisionId: 'transfer-tamper',
        threatId: 'tamper',
        rationale: 'The session layer is the vendor’s',
        transferredTo: 'Session vendor',
      },
      { type: 'AddElement', elementId: 'db', kind: 'data_store', name: 'DB', zoneId: 'dmz' },
      {
        type: 'DeclareNoThreats',
        targetKind: 'element',
        targetId: 'db',
        reason: 'Holds no data yet',
      },
      { type: 'AttestChecklistItem', item: 'clarity', verdict: 'pass', note: 'Read them all' },
      { type: 'FreezeModelVersion', label: 'Release 1' },
      { type: 'SignOffModelVersion', versionNumber: 1 },
    ])
      await execute(command);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it.skipIf(!isAvailable)(
    'lists every decision in order with who took it, for whom, in which roles, when and why',
    async () => {
      const page = await log();
      const entries = page.edges.map((edge) => edge.node);
      expect(entries.map((entry) => entry.kind)).toEqual([
        'score',
        'strategy',
        'ownership',
        'ownership',
        'acceptance',
        'approval',
        'revocation',
        'transfer',
        'approval',
        'no_threats',
        'attestation',
        'freeze',
        'sign_off',
      ]);
      expect(page.totalCount).toBe(13);
      for (const entry of entries) {
        expect(entry.actor).toBe(ownerId);
        expect(entry.organisation).toBe(owner.organisationId);
        expect(entry.roles).toContain('admin');
      }
      const stored = await server.database.eventStore.readStream(`model-${modelId}`);
      const byVersion = new Map(stored.map((event) => [event.streamVersion, event]));
      for (const entry of entries) {
        const event = byVersion.get(entry.streamVersion)!;
        expect(entry.position).toBe(event.position);
        expect(entry.recordedAt).toBe(event.recordedAt.toISOString());
      }
      expect(entries[0]).toMatchObject({
        summary: `Scored T-1 Spoofed login: CVSS 3.1 9.8 (critical), ${VECTOR}`,
        threats: [{ id: 'spoof', ref: 1, title: 'Spoofed login' }],
      });
      expect(entries[3]?.summary).toBe('Mitigation mfa owned by Bob (was Alice)');
      expect(entries[6]).toMatchObject({ kind: 'revocation', rationale: 'Monitoring stopped' });
      expect(entries[7]).toMatchObject({
        summary: 'Transferred the risk of T-2 Tampered session to Session vendor',
      });
    },
  );

  it.skipIf(!isAvailable)('links each decision to the model as it was at that moment', async () => {
    const acceptance = (await log()).edges.map((edge) => edge.node)[4]!;
    const answer = await owner.graphql<{
      model: { threats: { edges: { node: { id: string; status: string } }[] } };
    }>(
      'query ($id: ID!, $position: Int!) { model(id: $id, asOf: { position: $position }) { threats { edges { node { id status } } } } }',
      { id: modelId, position: acceptance.position },
    );
    expect(answer.data?.model.threats.edges.map((edge) => edge.node)).toEqual([
      { id: 'spoof', status: 'accepted' },
      { id: 'tamper', status: 'open' },
    ]);
  });

  it.skipIf(!isAvailable)(
    'records with a frozen version where and by whom it was frozen and signed off, its checklist result and the checkpoint that sealed it',
    async () => {
      const answer = await owner.graphql<{
        model: {
          versions: {
            edges: {
              node: {
                number: number;
                frozenPosition: number;
                frozenOrganisation: string;
                frozenRoles: string[];
                signedOff: { by: string; organisation: string; roles: string[]; position: number };
                checklist: {
                  passed: boolean;
                  passedCount: number;
                  itemCount: number;
                  failedItems: string[];
                };
                checkpoint: { treeSize: number; rootHash: string; sealedAt: string; keyId: string };
              };
            }[];
          };
        };
      }>(
        `query ($id: ID!) { model(id: $id) { versions { edges { node {
          number frozenPosition frozenOrganisation frozenRoles
          signedOff { by organisation roles position }
          checklist { passed passedCount itemCount failedItems }
          checkpoint { treeSize rootHash sealedAt keyId }
        } } } } }`,
        { id: modelId },
      );
      expect(answer.errors).toBeUndefined();
      const version = answer.data!.model.versions.edges[0]!.node;
      const stored = await server.database.eventStore.readStream(`model-${modelId}`);
      const frozen = stored.find((event) => event.type === 'ModelVersionFrozen')!;
      const signed = stored.find((event) => event.type === 'ModelVersionSignedOff')!;
      expect(version).toMatchObject({
        number: 1,
        frozenPosition: frozen.position,
        frozenOrganisation: owner.organisationId,
        signedOff: { by: ownerId, organisation: owner.organisationId, position: signed.position },
      });
      expect(version.frozenRoles).toContain('admin');
      expect(version.signedOff.roles).toContain('admin');
      // The checklist of the frozen snapshot: what the live checklist said at the freeze.
      const atFreeze = await owner.graphql<{
        checklist: {
          passed: boolean;
          passedCount: number;
          items: { id: string; passed: boolean }[];
        };
      }>(
        'query ($id: ID!, $position: Int!) { checklist(modelId: $id, asOf: { position: $position }) { passed passedCount items { id passed } } }',
        { id: modelId, position: frozen.position },
      );
      const items = atFreeze.data!.checklist.items;
      expect(version.checklist).toEqual({
        passed: atFreeze.data!.checklist.passed,
        passedCount: atFreeze.data!.checklist.passedCount,
        itemCount: items.length,
        failedItems: items.filter((item) => !item.passed).map((item) => item.id),
      });
      // The server seals at every freeze: the first checkpoint holding it.
      expect(version.checkpoint).not.toBeNull();
      const leaves = await server.database.systemTransaction(
        async (trx) =>
          (
            await sql<{ leaf_index: string }>`
              select leaf_index::text from ledger_leaves
              where stream_id = ${`model-${modelId}`} and stream_version = ${frozen.streamVersion}`.execute(
              trx,
            )
          ).rows,
      );
      expect(version.checkpoint.treeSize).toBeGreaterThan(Number(leaves[0]!.leaf_index));
      expect(version.checkpoint.rootHash).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  it.skipIf(!isAvailable)('filters by kind, threat, actor and organisation', async () => {
    const kinds = await log({ filter: { kinds: ['acceptance', 'transfer'] } });
    expect(kinds.edges.map((edge) => edge.node.kind)).toEqual(['acceptance', 'transfer']);
    const threat = await log({ filter: { threatId: 'tamper' } });
    expect(threat.edges.map((edge) => edge.node.kind)).toEqual(['transfer', 'approval']);
    expect((await log({ filter: { actor: ownerId } })).totalCount).toBe(13);
    expect((await log({ filter: { actor: 'someone-else' } })).edges).toEqual([]);
    expect((await log({ filter: { organisation: owner.organisationId } })).totalCount).toBe(13);
    const bad = await owner.graphql(LOG, { modelId, filter: { kinds: ['bribe'] } });
    const error = bad.errors?.[0] as { extensions?: { code?: string; field?: string } };
    expect(error.extensions).toMatchObject({ code: 'VALIDATION', field: 'filter.kinds.0' });
  });

  it.skipIf(!isAvailable)('pages through every decision exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: LogPage['decisionLog'] = await log({ first: 5, after });
      seen.push(...page.edges.map((edge) => `${edge.node.streamVersion}:${edge.node.kind}`));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const all = (await log()).edges.map((edge) => `${edge.node.streamVersion}:${edge.node.kind}`);
    expect(seen).toEqual(all);
    const bad = await owner.graphql(LOG, { modelId, after: 'not-a-cursor' });
    expect((bad.errors?.[0] as { extensions?: { code?: string } }).extensions?.code).toBe(
      'VALIDATION',
    );
  });

  it.skipIf(!isAvailable)(
    'exports the decisions as CSV that a spreadsheet reads as text, never as a formula',
    async () => {
      const answer = await owner.graphql<{ decisionLogCsv: string }>(
        'query ($modelId: ID!, $filter: DecisionLogFilter) { decisionLogCsv(modelId: $modelId, filter: $filter) }',
        { modelId, filter: { kinds: ['acceptance', 'transfer'] } },
      );
      expect(answer.errors).toBeUndefined();
      const csv = answer.data!.decisionLogCsv;
      const lines = csv.split('\r\n');
      expect(lines[0]).toBe(
        'recorded_at,kind,summary,rationale,threat_refs,threat_ids,subject,actor,organisation,roles,position,stream_version',
      );
      expect(lines).toHaveLength(4);
      expect(lines[3]).toBe('');
      // The rationale starts with "=": kept as text, quoted because of its quotes and commas.
      expect(lines[1]).toContain(
        `"'=HYPERLINK(""http://evil.example"",""click"") monitored, ""quoted"", and, commas"`,
      );
      expect(lines[1]).toContain(',acceptance,Accepted the risk of T-1 Spoofed login,');
      expect(lines[2]).toContain(',transfer,');
      expect(lines[2]).toContain('The session layer is the vendor’s');
    },
  );

  it.skipIf(!isAvailable)('answers NOT_FOUND for a model that does not exist', async () => {
    const answer = await owner.graphql(LOG, { modelId: '00000000-0000-4000-8000-000000000000' });
    expect((answer.errors?.[0] as { extensions?: { code?: string } }).extensions?.code).toMatch(
      /NOT_FOUND|FORBIDDEN/,
    );
  });
});
