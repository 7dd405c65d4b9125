import { describe, expect, it } from 'vitest';
import { organisationRoles, shareRoles, type OrganisationRole, type ShareRole } from '../roles.js';
import {
  canOnSystem,
  organisationPermissionsFor,
  systemPermissionsFor,
  type SystemAccessFacts,
} from './access.js';
import { systemPermissions, type SystemPermission } from './permission-table.js';

const ownerOrg = '00000000-0000-4000-8000-00000000000a';
const granteeOrg = '00000000-0000-4000-8000-00000000000b';
const strangerOrg = '00000000-0000-4000-8000-00000000000c';

/** The specification: what each owner role may do on its own systems. */
const ownerMatrix: Record<OrganisationRole, SystemPermission[]> = {
  admin: ['read', 'edit', 'decide_risk', 'admin', 'audit_history', 'create_model', 'attest'],
  risk_owner: ['read', 'edit', 'decide_risk', 'audit_history', 'create_model', 'attest'],
  editor: ['read', 'edit', 'create_model'],
  viewer: ['read'],
};

/** The specification: what a grantee member may do, by share role and their own role. */
const shareMatrix: Record<ShareRole, Record<OrganisationRole, SystemPermission[]>> = {
  editor: {
    admin: ['read', 'edit'],
    risk_owner: ['read', 'edit'],
    editor: ['read', 'edit'],
    viewer: ['read'],
  },
  viewer: { admin: ['read'], risk_owner: ['read'], editor: ['read'], viewer: ['read'] },
  auditor: {
    admin: ['read', 'audit_history', 'attest'],
    risk_owner: ['read', 'audit_history', 'attest'],
    editor: ['read', 'audit_history', 'attest'],
    viewer: ['read', 'audit_history', 'attest'],
  },
};

const rank = (role: OrganisationRole) => organisationRoles.indexOf(role);
const weaker = (a: OrganisationRole, b: OrganisationRole) => (rank(a) <= rank(b) ? a : b);

function facts(
  acting: string,
  role: OrganisationRole,
  shares: SystemAccessFacts['system']['shares'] = [],
  roleCeiling?: OrganisationRole,
): SystemAccessFacts {
  return {
    actingOrganisationId: acting,
    memberships: [{ organisationId: acting, role }],
    system: { ownerOrganisationId: ownerOrg, shares },
    ...(roleCeiling ? { roleCeiling } : {}),
  };
}

const ceilings: (OrganisationRole | undefined)[] = [undefined, ...organisationRoles];

describe('system access rules', () => {
  describe('members of the owner organisation', () => {
    for (const role of organisationRoles) {
      for (const ceiling of ceilings) {
        const effective = ceiling ? weaker(role, ceiling) : role;
        for (const permission of systemPermissions) {
          const isExpected = ownerMatrix[effective].includes(permission);
          it(`${role} with ${ceiling ?? 'no'} token ceiling ${isExpected ? 'may' : 'may not'} ${permission}`, () => {
            expect(canOnSystem(facts(ownerOrg, role, [], ceiling), permission)).toBe(isExpected);
          });
        }
      }
    }
  });

  describe('members of a grantee organisation', () => {
    for (const shareRole of shareRoles) {
      for (const role of organisationRoles) {
        for (const ceiling of ceilings) {
          const effective = ceiling ? weaker(role, ceiling) : role;
          for (const permission of systemPermissions) {
            const isExpected = shareMatrix[shareRole][effective].includes(permission);
            it(`${role} (ceiling ${ceiling ?? 'none'}) through a ${shareRole} share ${isExpected ? 'may' : 'may not'} ${permission}`, () => {
              const shares = [{ granteeOrganisationId: granteeOrg, role: shareRole }];
              expect(canOnSystem(facts(granteeOrg, role, shares, ceiling), permission)).toBe(
                isExpected,
              );
            });
          }
        }
      }
    }
  });

  it('grants nothing to an organisation without a share', () => {
    for (const role of organisationRoles) {
      const shares = [{ granteeOrganisationId: granteeOrg, role: 'editor' as const }];
      expect(systemPermissionsFor(facts(strangerOrg, role, shares)).size).toBe(0);
    }
  });

  it('grants nothing when the user is not a member of the acting organisation', () => {
    const notAMember: SystemAccessFacts = {
      actingOrganisationId: ownerOrg,
      memberships: [{ organisationId: granteeOrg, role: 'admin' }],
      system: { ownerOrganisationId: ownerOrg, shares: [] },
    };
    expect(systemPermissionsFor(notAMember).size).toBe(0);
  });

  it('uses only the acting organisation, not the strongest membership', () => {
    const memberOfBoth: SystemAccessFacts = {
      actingOrganisationId: granteeOrg,
      memberships: [
        { organisationId: ownerOrg, role: 'admin' },
        { organisationId: granteeOrg, role: 'editor' },
      ],
      system: {
        ownerOrganisationId: ownerOrg,
        shares: [{ granteeOrganisationId: granteeOrg, role: 'viewer' }],
      },
    };
    expect([...systemPermissionsFor(memberOfBoth)]).toEqual(['read']);
  });
});

describe('organisation access rules', () => {
  for (const role of organisationRoles) {
    for (const ceiling of ceilings) {
      const effective = ceiling ? weaker(role, ceiling) : role;
      const expected =
        effective === 'admin'
          ? ['read', 'manage_members', 'register_systems', 'manage_sign_in']
          : ['read'];
      it(`${role} with ${ceiling ?? 'no'} token ceiling gets ${expected.join(', ')}`, () => {
        const memberships = [{ organisationId: ownerOrg, role }];
        expect([...organisationPermissionsFor(ownerOrg, memberships, ceiling)]).toEqual(expected);
      });
    }
  }

  it('grants nothing on an organisation the user is not a member of', () => {
    expect(
      organisationPermissionsFor(strangerOrg, [{ organisationId: ownerOrg, role: 'admin' }]).size,
    ).toBe(0);
  });
});
