import { requirePostgres } from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestServer,
  type TestDialect,
  type TestServer,
} from '../identity/support/identity-test-server.js';
import { typedMutation } from '../support/typed-model-client.js';
import { as, ok, type TestUser } from './support/tenancy-actors.js';
import {
  addMember,
  newModel,
  newOrganisation,
  newSystem,
  share,
  type TestOrganisation,
} from './support/tenancy-world.js';

const isPostgresAvailable = await requirePostgres();

const ATTEST = typedMutation('attestChecklistItem');
const CHECKLIST = `query ($m: ID!) { checklist(modelId: $m) { items {
  id status passed offenders { kind id reason }
  attestation { item verdict note attestedAt streamVersion
    attestedBy { userId email organisationId } invalidatedBy { streamVersion eventType } }
} } }`;

interface ChecklistAnswer {
  checklist: {
    items: {
      id: string;
      status: string;
      passed: boolean;
      offenders: { kind: string; id: string; reason: string }[];
      attestation: {
        item: string;
        verdict: string;
        note: string;
        attestedAt: string;
        streamVersion: number;
        attestedBy: { userId: string; email: string | null; organisationId: string };
        invalidatedBy: { streamVersion: number; eventType: string } | null;
      } | null;
    }[];
  };
}

function attestationSpec(dialect: TestDialect) {
  describe(`attesting checklist items on ${dialect}`, () => {
    let server: TestServer;
    let owner: TestOrganisation;
    let ownerEditor: TestUser;
    let regulator: TestOrganisation;
    let regulatorViewer: TestUser;
    let vendor: TestOrganisation;
    let modelId: string;

    async function streamVersion(): Promise<number> {
      const events = await server.database.eventStore.readStream(`model-${modelId}`);
      return events.at(-1)?.streamVersion ?? -1;
    }

    function attest(user: TestUser, input: Record<string, unknown>) {
      return streamVersion().then((expectedVersion) =>
        as<Record<string, { streamVersion: number }>>(server, user, ATTEST, {
          modelId,
          expectedVersion,
          input,
        }),
      );
    }

    async function itemOf(id: string) {
      const answer = await ok<ChecklistAnswer>(server, owner.admin, CHECKLIST, { m: modelId });
      const found = answer.checklist.items.find((entry) => entry.id === id);
      if (!found) throw new Error(`no item ${id}`);
      return found;
    }

    const clarity = {
      item: 'clarity',
      verdict: 'pass',
      note: 'Every threat names its target and what goes wrong',
    };

    beforeAll(async () => {
      server = await startTestServer(dialect);
      owner = await newOrganisation(server, 'owner');
      ownerEditor = await addMember(server, owner, 'editor');
      regulator = await newOrganisation(server, 'regulator');
      regulatorViewer = await addMember(server, regulator, 'viewer');
      vendor = await newOrganisation(server, 'vendor');
      const systemId = await newSystem(server, owner, 'GenomeWell platform');
      modelId = await newModel(server, owner, systemId, 'Patient portal');
      await share(server, owner, systemId, regulator.id, 'auditor');
      await share(server, owner, systemId, vendor.id, 'editor');
      await ok(server, owner.admin, typedMutation('addZone'), {
        modelId,
        expectedVersion: await streamVersion(),
        input: { zoneId: 'core', name: 'Core', trust: 'trusted' },
      });
      await ok(server, owner.admin, typedMutation('addElement'), {
        modelId,
        expectedVersion: await streamVersion(),
        input: { elementId: 'api', kind: 'process', name: 'API', zoneId: 'core' },
      });
      await ok(server, owner.admin, typedMutation('identifyThreat'), {
        modelId,
        expectedVersion: await streamVersion(),
        input: {
          threatId: 'sqli',
          title: 'SQL injection',
          stride: 'tampering',
          target: { kind: 'element', id: 'api' },
        },
      });
    });
    afterAll(async () => server?.close());

    it('shows clarity as not attested before anyone reviews it', async () => {
      expect(await itemOf('clarity')).toMatchObject({ status: 'not_attested', attestation: null });
    });

    it('lets a member of an auditor share attest, and shows who, from which organisation, and when', async () => {
      const before = await streamVersion();
      const answer = await attest(regulatorViewer, clarity);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.['attestChecklistItem']?.streamVersion).toBe(before + 1);
      const item = await itemOf('clarity');
      expect(item.status).toBe('attested');
      expect(item.attestation).toMatchObject({
        verdict: 'pass',
        note: clarity.note,
        streamVersion: before + 1,
        attestedBy: {
          userId: regulatorViewer.userId,
          email: regulatorViewer.email,
          organisationId: regulator.id,
        },
        invalidatedBy: null,
      });
      expect(Date.parse(item.attestation?.attestedAt ?? '')).not.toBeNaN();
    });

    it('refuses a member of an editor share with FORBIDDEN and records nothing', async () => {
      const before = await streamVersion();
      const answer = await attest(vendor.admin, { ...clarity, item: 'specificity' });
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(await streamVersion()).toBe(before);
    });

    it("refuses the owner's editor with FORBIDDEN and records nothing", async () => {
      const before = await streamVersion();
      const answer = await attest(ownerEditor, { ...clarity, item: 'specificity' });
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(await streamVersion()).toBe(before);
    });

    it("lets the owner's admin attest", async () => {
      const answer = await attest(owner.admin, {
        item: 'specificity',
        verdict: 'fail',
        note: 'Threat 1 does not say which query',
      });
      expect(answer.errors).toBeUndefined();
      const item = await itemOf('specificity');
      expect(item.status).toBe('finding');
      expect(item.offenders[0]?.reason).toContain('Threat 1 does not say which query');
    });

    it('refuses an empty note with VALIDATION on input.note and records nothing', async () => {
      const before = await streamVersion();
      const answer = await attest(regulatorViewer, { ...clarity, note: '  ' });
      expect(answer.errors?.[0]?.extensions).toMatchObject({
        code: 'VALIDATION',
        field: 'input.note',
      });
      expect(await streamVersion()).toBe(before);
    });

    it('marks the attestation stale after a threat is revised, naming the change', async () => {
      await ok(server, owner.admin, typedMutation('reviseThreat'), {
        modelId,
        expectedVersion: await streamVersion(),
        input: { threatId: 'sqli', title: 'SQL injection in the search endpoint' },
      });
      const item = await itemOf('clarity');
      expect(item.status).toBe('stale');
      expect(item.attestation?.invalidatedBy).toEqual({
        streamVersion: await streamVersion(),
        eventType: 'ThreatRevised',
      });
    });
  });
}

attestationSpec('pglite');
describe.skipIf(!isPostgresAvailable)('PostgreSQL', () => attestationSpec('postgres'));
