import { describe, expect, it } from 'vitest';
import type { SystemPermission } from '@threatloom/domain';
import { rolesFrom } from './tenancy-request-scope.js';

const set = (...permissions: SystemPermission[]) => new Set(permissions);

describe('domain roles handed to decide after an access check', () => {
  it('gives an owner admin both admin and risk-owner powers', () => {
    expect(rolesFrom(set('read', 'edit', 'decide_risk', 'admin', 'audit_history'))).toEqual([
      'admin',
      'risk_owner',
    ]);
  });

  it('gives an owner risk owner the risk-owner role', () => {
    expect(rolesFrom(set('read', 'edit', 'decide_risk', 'audit_history'))).toEqual(['risk_owner']);
  });

  it('gives an editor share only the editor role, whatever the member role at home', () => {
    expect(rolesFrom(set('read', 'edit'))).toEqual(['editor']);
  });

  it('gives an auditor share the read-only auditor role', () => {
    expect(rolesFrom(set('read', 'audit_history'))).toEqual(['auditor']);
  });

  it('gives read access the viewer role', () => {
    expect(rolesFrom(set('read'))).toEqual(['viewer']);
  });
});
