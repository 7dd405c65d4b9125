import { describe, expect, it } from 'vitest';
import { unsafeRoleReason, type RuntimeRoleFacts } from './runtime-role-guard.js';

const restricted: RuntimeRoleFacts = {
  roleName: 'threatloom_app_live',
  isSuperuser: false,
  canBypassRowLevelSecurity: false,
  ownedTableCount: 0,
};

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
});
