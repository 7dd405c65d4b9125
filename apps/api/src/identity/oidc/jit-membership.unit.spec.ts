import { describe, expect, it } from 'vitest';
import { jitMembershipRole } from './jit-membership.js';
import type { JitMembershipSettings } from './oidc-repository.js';

const settings: JitMembershipSettings = {
  isEnabled: true,
  emailDomains: ['genomewell.test', 'lab.genomewell.test'],
  role: 'editor',
};

describe('just-in-time membership', () => {
  it('admits a verified email in an allowed domain at the configured role', () => {
    expect(jitMembershipRole(settings, 'ada@genomewell.test', true)).toBe('editor');
    expect(jitMembershipRole(settings, 'bo@lab.genomewell.test', true)).toBe('editor');
  });

  it('admits nobody while it is off', () => {
    expect(jitMembershipRole({ ...settings, isEnabled: false }, 'ada@genomewell.test', true)).toBe(
      null,
    );
  });

  it('admits no email the provider has not verified', () => {
    expect(jitMembershipRole(settings, 'ada@genomewell.test', false)).toBeNull();
  });

  it('admits no other domain, no subdomain and no look-alike', () => {
    for (const email of [
      'eve@example.test',
      'eve@evil.genomewell.test',
      'eve@genomewell.test.evil.test',
      'eve@xgenomewell.test',
      'genomewell.test',
    ]) {
      expect(jitMembershipRole(settings, email, true)).toBeNull();
    }
  });
});
