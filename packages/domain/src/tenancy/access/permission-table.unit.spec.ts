import { describe, expect, it } from 'vitest';
import { commandSchema, type CommandType } from '../../commands.js';
import { rolesHolding } from '../../model/context.js';
import { accessOutcome, type AccessOutcome, type Standing } from './access.js';
import {
  commandPermissions,
  operationRules,
  operationsWithoutRule,
  ownerOnlyPermissions,
  sharePermissions,
  type OperationName,
  type OperationRule,
} from './permission-table.js';

/** The nine kinds of caller the access suites run every operation as. */
const actors = {
  ownerAdmin: { isSignedIn: true, memberRole: 'admin', share: null },
  ownerRiskOwner: { isSignedIn: true, memberRole: 'risk_owner', share: null },
  ownerEditor: { isSignedIn: true, memberRole: 'editor', share: null },
  ownerViewer: { isSignedIn: true, memberRole: 'viewer', share: null },
  // Grantees are admins at home: the strongest member a share can carry.
  granteeEditor: {
    isSignedIn: true,
    memberRole: null,
    share: { role: 'editor', memberRole: 'admin' },
  },
  granteeViewer: {
    isSignedIn: true,
    memberRole: null,
    share: { role: 'viewer', memberRole: 'admin' },
  },
  granteeAuditor: {
    isSignedIn: true,
    memberRole: null,
    share: { role: 'auditor', memberRole: 'admin' },
  },
  stranger: { isSignedIn: true, memberRole: null, share: null },
  anonymous: { isSignedIn: false, memberRole: null, share: null },
} as const satisfies Record<string, Standing>;
type Actor = keyof typeof actors;

const A: AccessOutcome = 'allowed';
const F: AccessOutcome = 'FORBIDDEN';
const N: AccessOutcome = 'NOT_FOUND';
const U: AccessOutcome = 'UNAUTHENTICATED';

/**
 * The specification, written out by hand: the outcome for each actor, per
 * kind of rule, in the order of `actors` (owner admin, risk owner, editor,
 * viewer; grantee editor, viewer, auditor; stranger; no session).
 */
const expectedByRule: Record<string, AccessOutcome[]> = {
  public: [A, A, A, A, A, A, A, A, A],
  signed_in: [A, A, A, A, A, A, A, A, U],
  'organisation:read': [A, A, A, A, N, N, N, N, U],
  'organisation:manage_members': [A, F, F, F, N, N, N, N, U],
  'organisation:register_systems': [A, F, F, F, N, N, N, N, U],
  'organisation:manage_sign_in': [A, F, F, F, N, N, N, N, U],
  'system:read': [A, A, A, A, A, A, A, N, U],
  'system:edit': [A, A, A, F, A, F, F, N, U],
  'system:decide_risk': [A, A, F, F, F, F, F, N, U],
  'system:admin': [A, F, F, F, F, F, F, N, U],
  'system:audit_history': [A, A, F, F, F, F, A, N, U],
  'system:create_model': [A, A, A, F, F, F, F, N, U],
  'system:attest': [A, A, F, F, F, F, A, N, U],
};

function ruleKey(rule: OperationRule, commandType?: CommandType): string {
  switch (rule.kind) {
    case 'public':
    case 'signed_in':
      return rule.kind;
    case 'organisation':
      return `organisation:${rule.permission}`;
    case 'system':
      return `system:${rule.permission}`;
    case 'command':
      return `system:${commandPermissions[rule.command]}`;
    case 'any_command':
      return `system:${commandPermissions[commandType ?? 'RenameThreatModel']}`;
  }
}

const actorNames = Object.keys(actors) as Actor[];

describe('the operation table', () => {
  for (const [operation, rule] of Object.entries(operationRules) as [
    OperationName,
    OperationRule,
  ][]) {
    if (rule.kind === 'any_command') continue;
    const expected = expectedByRule[ruleKey(rule)] ?? [];
    actorNames.forEach((actor, index) => {
      it(`${operation} as ${actor}: ${expected[index]}`, () => {
        expect(accessOutcome(operation, actors[actor])).toBe(expected[index]);
      });
    });
  }

  describe('executeModelCommand takes the permission of the command it runs', () => {
    for (const commandType of Object.keys(commandPermissions) as CommandType[]) {
      const expected = expectedByRule[ruleKey({ kind: 'any_command' }, commandType)] ?? [];
      it(`${commandType}: ${expected.join(' ')}`, () => {
        expect(
          actorNames.map((actor) =>
            accessOutcome('Mutation.executeModelCommand', actors[actor], commandType),
          ),
        ).toEqual(expected);
      });
    }
    it('refuses to guess when no command type is named', () => {
      expect(() => accessOutcome('Mutation.executeModelCommand', actors.ownerAdmin)).toThrow(
        /command type/,
      );
    });
  });

  it('keeps risk decisions and approvals with the owner: they need decide_risk', () => {
    const governed = [
      'Mutation.acceptRisk',
      'Mutation.transferRisk',
      'Mutation.revokeRiskDecision',
      'Mutation.signOffModelVersion',
      'Mutation.changeModelSettings',
    ] as const;
    for (const operation of governed) {
      expect(ruleKey(operationRules[operation]), operation).toBe('system:decide_risk');
      expect(accessOutcome(operation, actors.granteeEditor), operation).toBe('FORBIDDEN');
    }
  });

  it('keeps model creation, sharing and membership with the owner', () => {
    for (const operation of [
      'Mutation.createThreatModel',
      'Mutation.addModelToSystem',
      'Mutation.shareSystem',
      'Mutation.changeSystemShare',
      'Mutation.revokeSystemShare',
      'Mutation.inviteMember',
      'Mutation.changeMemberRole',
      'Mutation.removeMember',
    ] as const) {
      for (const grantee of ['granteeEditor', 'granteeViewer', 'granteeAuditor'] as const) {
        expect(accessOutcome(operation, actors[grantee]), `${operation} ${grantee}`).not.toBe(
          'allowed',
        );
      }
    }
  });

  it('lets no share role carry an owner-only permission', () => {
    for (const permissions of Object.values(sharePermissions)) {
      expect(permissions.filter((permission) => ownerOnlyPermissions.includes(permission))).toEqual(
        [],
      );
    }
  });

  it('names a permission for every command the model accepts', () => {
    const commandTypes = commandSchema.options.map((option) => option.shape.type.value).sort();
    expect(Object.keys(commandPermissions).sort()).toEqual(commandTypes);
  });

  it('lists the operations that have no entry, so a new one cannot ship without one', () => {
    expect(operationsWithoutRule(['Query.model', 'Mutation.shareModelPack'])).toEqual([
      'Mutation.shareModelPack',
    ]);
    expect(operationsWithoutRule(Object.keys(operationRules))).toEqual([]);
  });
});

describe('roles the domain accepts for a command, from the same table', () => {
  it('lets only risk owners and admins decide on risk', () => {
    expect(rolesHolding('decide_risk')).toEqual(['admin', 'risk_owner']);
  });

  it('lets admins, risk owners and editors edit', () => {
    expect(rolesHolding('edit')).toEqual(['admin', 'risk_owner', 'editor']);
  });

  it('lets every role read, auditors included', () => {
    expect(rolesHolding('read')).toEqual(['admin', 'risk_owner', 'editor', 'viewer', 'auditor']);
  });
});
