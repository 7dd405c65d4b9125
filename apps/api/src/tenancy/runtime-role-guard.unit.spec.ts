import { describe, expect, it } from 'vitest';
import { unsafeRoleReason, type RuntimeRoleFacts } from './runtime-role-guard.js';

const restricted: RuntimeRoleFacts = {
  roleName: 'threatloom_app_live',
  isSuperuser: false,
  canBypassRowLevelSecurity: false,
  ownedTableCount: 0,
  memberOf: [
    {
      path: ['threatloom_app_live', 'threatloom_app'],
      isSuperuser: false,
      canBypassRowLevelSecurity: false,
      ownedTableCount: 0,
    },
  ],
};

const harmless = { isSuperuser: false, canBypassRowLevelSecurity: false, ownedTableCount: 0 };

describe('runtime role guard', () => {
  it('accepts a role that is neither superuser, BYPASSRLS nor a table owner', () => {
    expect(unsafeRoleReason(restricted)).toBeNull();
  });

  it('refuses a superuser', () => {
    expect(unsafeRoleReason({ ...restricted, isSuperuser: true })).toBe('is a superuser');
  });

  it('refuses a role with BYPASSRLS', () => {
    expect(unsafeRoleReason({ ...restricted, canBypassRowLevelSecurity: true })).toBe(
      'has BYPASSRLS',
    );
  });

  it('refuses a role that owns tables', () => {
    expect(unsafeRoleReason({ ...restricted, ownedTableCount: 2 })).toBe('owns 2 table(s)');
  });

  it('refuses a member of a superuser, naming the chain', () => {
    const facts: RuntimeRoleFacts = {
      ...restricted,
      memberOf: [
        ...restricted.memberOf,
        { path: ['threatloom_app_live', 'ops'], ...harmless },
        { path: ['threatloom_app_live', 'ops', 'postgres'], ...harmless, isSuperuser: true },
      ],
    };
    expect(unsafeRoleReason(facts)).toBe(
      'can become "postgres" through role membership (threatloom_app_live -> ops -> postgres), which is a superuser',
    );
  });

  it('refuses a member of a BYPASSRLS role and a member of the table owner', () => {
    const bypass = {
      path: ['threatloom_app_live', 'auditors'],
      ...harmless,
      canBypassRowLevelSecurity: true,
    };
    const owner = {
      path: ['threatloom_app_live', 'threatloom_owner'],
      ...harmless,
      ownedTableCount: 12,
    };
    expect(unsafeRoleReason({ ...restricted, memberOf: [bypass] })).toMatch(
      /"auditors".*which has BYPASSRLS$/,
    );
    expect(unsafeRoleReason({ ...restricted, memberOf: [owner] })).toMatch(
      /"threatloom_owner".*which owns 12 table\(s\)$/,
    );
  });
});
