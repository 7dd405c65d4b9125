import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../identity/support/identity-test-server.js';
import { as, newUser, ok } from './support/tenancy-actors.js';
import { newOrganisation, type TestOrganisation } from './support/tenancy-world.js';

const INVITE =
  'mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { id status } }';
const ACCEPT =
  'mutation ($o: ID!, $i: ID!) { acceptInvitation(organisationId: $o, invitationId: $i) { role } }';
const REVOKE =
  'mutation ($o: ID!, $i: ID!) { revokeInvitation(organisationId: $o, invitationId: $i) { status } }';
const CHANGE_ROLE =
  'mutation ($o: ID!, $u: ID!, $r: OrganisationRole!) { changeMemberRole(organisationId: $o, userId: $u, role: $r) { role } }';
const MEMBERS = 'query ($o: ID!) { members(organisationId: $o) { email role } }';

describe('organisations, members and invitations', () => {
  let server: TestServer;
  let organisation: TestOrganisation;

  beforeAll(async () => {
    server = await startTestServer('pglite');
    organisation = await newOrganisation(server, 'agency');
  });
  afterAll(async () => server?.close());

  async function invite(email: string, role = 'editor'): Promise<string> {
    const data = await ok<{ inviteMember: { id: string } }>(server, organisation.admin, INVITE, {
      input: { organisationId: organisation.id, email, role },
    });
    return data.inviteMember.id;
  }

  it('lets the invited person join at the invited role', async () => {
    const invitee = await newUser(server, 'invitee');
    const invitationId = await invite(invitee.email.toUpperCase(), 'risk_owner');
    const accepted = await ok<{ acceptInvitation: { role: string } }>(server, invitee, ACCEPT, {
      o: organisation.id,
      i: invitationId,
    });
    expect(accepted.acceptInvitation.role).toBe('risk_owner');
    invitee.organisationId = organisation.id;
    const members = await ok<{ members: { email: string; role: string }[] }>(
      server,
      invitee,
      MEMBERS,
      { o: organisation.id },
    );
    expect(members.members).toContainEqual({ email: invitee.email, role: 'risk_owner' });
  });

  it('answers NOT_FOUND to someone else presenting the invitation', async () => {
    const invitationId = await invite('someone@example.test');
    const stranger = await newUser(server, 'stranger');
    const answer = await as(server, stranger, ACCEPT, { o: organisation.id, i: invitationId });
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
  });

  it('refuses a revoked invitation', async () => {
    const invitee = await newUser(server, 'revoked');
    const invitationId = await invite(invitee.email);
    const revoked = await ok<{ revokeInvitation: { status: string } }>(
      server,
      organisation.admin,
      REVOKE,
      { o: organisation.id, i: invitationId },
    );
    expect(revoked.revokeInvitation.status).toBe('revoked');
    const answer = await as(server, invitee, ACCEPT, { o: organisation.id, i: invitationId });
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: 'ILLEGAL_STATE',
      field: 'invitationId',
    });
  });

  it('refuses to demote the last admin', async () => {
    const answer = await as(server, organisation.admin, CHANGE_ROLE, {
      o: organisation.id,
      u: organisation.admin.userId,
      r: 'viewer',
    });
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'ILLEGAL_STATE', field: 'role' });
  });

  it('lists only the organisations the caller belongs to', async () => {
    const other = await newOrganisation(server, 'elsewhere');
    const data = await ok<{ organisations: { id: string }[] }>(
      server,
      organisation.admin,
      '{ organisations { id } }',
    );
    expect(data.organisations.map((o) => o.id)).toEqual([organisation.id]);
    expect(data.organisations.map((o) => o.id)).not.toContain(other.id);
  });
});
