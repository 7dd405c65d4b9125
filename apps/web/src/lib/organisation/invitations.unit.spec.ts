import { describe, expect, it } from 'vitest';
import { pendingInvitations } from './invitations.js';
import type { Invitation } from './organisation-api.js';

function invitation(id: string, status: string, expiresAt: string): Invitation {
  return { id, organisationId: 'org', email: `${id}@x.test`, role: 'viewer', status, expiresAt };
}

describe('pendingInvitations', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('keeps pending invitations only, soonest to expire first', () => {
    const pending = pendingInvitations(
      [
        invitation('later', 'pending', '2026-12-20T00:00:00Z'),
        invitation('accepted', 'accepted', '2026-12-10T00:00:00Z'),
        invitation('revoked', 'revoked', '2026-12-10T00:00:00Z'),
        invitation('sooner', 'pending', '2026-12-05T00:00:00Z'),
      ],
      now,
    );
    expect(pending.map((item) => item.id)).toEqual(['sooner', 'later']);
  });

  it('marks a pending invitation whose time ran out as expired', () => {
    const [expired, open] = pendingInvitations(
      [
        invitation('open', 'pending', '2026-12-01T12:00:01Z'),
        invitation('expired', 'pending', '2026-12-01T12:00:00Z'),
      ],
      now,
    );
    expect(expired).toMatchObject({ id: 'expired', isExpired: true });
    expect(open).toMatchObject({ id: 'open', isExpired: false });
  });
});
