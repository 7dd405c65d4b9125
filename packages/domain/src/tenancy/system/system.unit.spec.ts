import { describe, expect, it } from 'vitest';
import type { TenancyCommandContext } from '../context.js';
import type { OrganisationRole } from '../roles.js';
import { decideSystem } from './decide.js';
import type { SystemEvent } from './events.js';
import { replaySystem } from './state.js';

const systemId = '00000000-0000-4000-8000-0000000000b1';
const ownerOrg = '00000000-0000-4000-8000-00000000000a';
const vendorOrg = '00000000-0000-4000-8000-00000000000b';
const regulatorOrg = '00000000-0000-4000-8000-00000000000c';
const modelId = '00000000-0000-4000-8000-0000000000d1';
const userId = '00000000-0000-4000-8000-000000000001';
const now = '2026-11-24T09:00:00.000Z';

function actingFor(organisationId: string, role: OrganisationRole): TenancyCommandContext {
  return { actor: { userId, email: 'ada@genomewell.test', organisationId, role }, now };
}
const ownerAdmin = actingFor(ownerOrg, 'admin');

const registered: SystemEvent = {
  type: 'SystemRegistered',
  schemaVersion: 1,
  data: {
    systemId,
    ownerOrganisationId: ownerOrg,
    name: 'GenomeWell platform',
    criticalityTier: 1,
    tags: ['genomics', 'pii'],
    registeredBy: userId,
    registeredAt: now,
  },
};

const sharedWithVendor: SystemEvent = {
  type: 'SystemShared',
  schemaVersion: 1,
  data: {
    systemId,
    ownerOrganisationId: ownerOrg,
    granteeOrganisationId: vendorOrg,
    role: 'editor',
    sharedBy: userId,
    sharedAt: now,
  },
};

function when(given: SystemEvent[], command: object, context: TenancyCommandContext) {
  return decideSystem(command, replaySystem(given), context);
}

function expectRefusal(decision: ReturnType<typeof when>, code: string, field?: string) {
  expect(decision.ok).toBe(false);
  if (decision.ok) return;
  expect(decision.error.code).toBe(code);
  if (field !== undefined) expect(decision.error).toMatchObject({ field });
}

describe('System aggregate', () => {
  describe('RegisterSystem', () => {
    const register = {
      type: 'RegisterSystem',
      systemId,
      ownerOrganisationId: ownerOrg,
      name: 'GenomeWell platform',
      criticalityTier: 1,
      tags: ['genomics', 'pii', 'genomics'],
    };

    it('registers a system owned by the acting organisation, tags deduplicated', () => {
      expect(when([], register, ownerAdmin)).toEqual({ ok: true, events: [registered] });
    });

    it('is refused to a non-admin of the owner organisation', () => {
      expectRefusal(when([], register, actingFor(ownerOrg, 'editor')), 'FORBIDDEN');
    });

    it('is refused to an admin acting for another organisation', () => {
      expectRefusal(when([], register, actingFor(vendorOrg, 'admin')), 'FORBIDDEN');
    });

    it('names the field of a criticality tier out of range', () => {
      expectRefusal(
        when([], { ...register, criticalityTier: 5 }, ownerAdmin),
        'VALIDATION',
        'criticalityTier',
      );
    });

    it('refuses registering the same system twice', () => {
      expectRefusal(when([registered], register, ownerAdmin), 'CONFLICT', 'systemId');
    });
  });

  describe('AddThreatModelToSystem', () => {
    const add = { type: 'AddThreatModelToSystem', systemId, modelId };

    it('adds a model, naming the owner organisation in the event', () => {
      const decision = when([registered], add, actingFor(ownerOrg, 'editor'));
      expect(decision.ok && decision.events[0]).toMatchObject({
        type: 'ThreatModelAddedToSystem',
        data: { systemId, modelId, ownerOrganisationId: ownerOrg },
      });
    });

    it('refuses a model already in the system', () => {
      const added: SystemEvent = {
        type: 'ThreatModelAddedToSystem',
        schemaVersion: 1,
        data: { systemId, ownerOrganisationId: ownerOrg, modelId, addedBy: userId, addedAt: now },
      };
      expectRefusal(when([registered, added], add, ownerAdmin), 'CONFLICT', 'modelId');
    });

    it('is refused to an owner viewer', () => {
      expectRefusal(when([registered], add, actingFor(ownerOrg, 'viewer')), 'FORBIDDEN');
    });

    it('is refused to a vendor even with an editor share', () => {
      expectRefusal(
        when([registered, sharedWithVendor], add, actingFor(vendorOrg, 'admin')),
        'FORBIDDEN',
      );
    });

    it('refuses an unknown system', () => {
      expectRefusal(when([], add, ownerAdmin), 'NOT_FOUND', 'systemId');
    });
  });

  describe('ShareSystem', () => {
    const share = {
      type: 'ShareSystem',
      systemId,
      granteeOrganisationId: vendorOrg,
      role: 'editor',
    };

    it('shares the system with another organisation at a role', () => {
      expect(when([registered], share, ownerAdmin)).toEqual({
        ok: true,
        events: [sharedWithVendor],
      });
    });

    it('refuses sharing with the owner organisation itself', () => {
      const self = { ...share, granteeOrganisationId: ownerOrg };
      expectRefusal(when([registered], self, ownerAdmin), 'ILLEGAL_STATE', 'granteeOrganisationId');
    });

    it('allows one share per grantee', () => {
      const again = { ...share, role: 'viewer' };
      expectRefusal(
        when([registered, sharedWithVendor], again, ownerAdmin),
        'CONFLICT',
        'granteeOrganisationId',
      );
    });

    it('is refused to an owner risk owner', () => {
      expectRefusal(when([registered], share, actingFor(ownerOrg, 'risk_owner')), 'FORBIDDEN');
    });

    it('names the field of an unknown share role', () => {
      expectRefusal(
        when([registered], { ...share, role: 'admin' }, ownerAdmin),
        'VALIDATION',
        'role',
      );
    });
  });

  describe('ChangeSystemShare', () => {
    const change = {
      type: 'ChangeSystemShare',
      systemId,
      granteeOrganisationId: vendorOrg,
      role: 'viewer',
    };

    it('changes the role of an existing share', () => {
      const decision = when([registered, sharedWithVendor], change, ownerAdmin);
      expect(decision.ok && decision.events[0]).toMatchObject({
        type: 'SystemShareChanged',
        data: { previousRole: 'editor', role: 'viewer' },
      });
      if (decision.ok) {
        expect(replaySystem([registered, sharedWithVendor, ...decision.events]).shares).toEqual({
          [vendorOrg]: 'viewer',
        });
      }
    });

    it('refuses changing a share that does not exist', () => {
      const other = { ...change, granteeOrganisationId: regulatorOrg };
      expectRefusal(
        when([registered, sharedWithVendor], other, ownerAdmin),
        'NOT_FOUND',
        'granteeOrganisationId',
      );
    });

    it('is refused to the grantee', () => {
      expectRefusal(
        when([registered, sharedWithVendor], change, actingFor(vendorOrg, 'admin')),
        'FORBIDDEN',
      );
    });
  });

  describe('RevokeSystemShare', () => {
    const revoke = { type: 'RevokeSystemShare', systemId, granteeOrganisationId: vendorOrg };

    it('revokes a share so the grantee holds none', () => {
      const decision = when([registered, sharedWithVendor], revoke, ownerAdmin);
      expect(decision.ok).toBe(true);
      if (decision.ok) {
        expect(replaySystem([registered, sharedWithVendor, ...decision.events]).shares).toEqual({});
      }
    });

    it('refuses revoking a share that does not exist', () => {
      expectRefusal(when([registered], revoke, ownerAdmin), 'NOT_FOUND', 'granteeOrganisationId');
    });

    it('is refused to an owner editor', () => {
      expectRefusal(
        when([registered, sharedWithVendor], revoke, actingFor(ownerOrg, 'editor')),
        'FORBIDDEN',
      );
    });
  });
});
