import { describe, expect, it } from 'vitest';
import {
  invitationFromLink,
  invitationFromQuery,
  invitationLink,
  invitationPath,
} from './invitation-link.js';

const reference = {
  organisationId: '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a03',
  invitationId: '0b7d2f3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
};

describe('invitation links', () => {
  it('name the acceptance page with both ids', () => {
    expect(invitationPath(reference)).toBe(
      `/settings/invitation?organisation=${reference.organisationId}&invitation=${reference.invitationId}`,
    );
  });

  it('read back the ids they were made from', () => {
    expect(invitationFromLink(invitationLink('https://threatloom.example', reference))).toEqual(
      reference,
    );
  });

  it('read a link copied from another address, or a bare path', () => {
    expect(invitationFromLink(`  http://localhost:4203${invitationPath(reference)}\n`)).toEqual(
      reference,
    );
    expect(invitationFromLink(invitationPath(reference))).toEqual(reference);
  });

  it.each([
    '',
    'not a link',
    `https://threatloom.example/settings/organisation?organisation=${reference.organisationId}&invitation=${reference.invitationId}`,
    `/settings/invitation?organisation=${reference.organisationId}`,
    `/settings/invitation?organisation=nope&invitation=${reference.invitationId}`,
  ])('refuse %j', (text) => {
    expect(invitationFromLink(text)).toBeNull();
  });

  it('read ids from a query in lower case', () => {
    const query = new URLSearchParams({
      organisation: reference.organisationId.toUpperCase(),
      invitation: reference.invitationId,
    });
    expect(invitationFromQuery(query)).toEqual(reference);
  });
});
