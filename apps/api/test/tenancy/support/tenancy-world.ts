import { randomUUID } from 'node:crypto';
import type { TestServer } from '../../identity/support/identity-test-server.js';
import { decide, initialState } from '@threatloom/domain';
import { as, newUser, ok, type TestUser } from './tenancy-actors.js';

/** An organisation with its admin, as a test arranges it. */
export interface TestOrganisation {
  id: string;
  admin: TestUser;
}

/** Creates an organisation through GraphQL; its creator becomes admin and acts for it. */
export async function newOrganisation(
  server: TestServer,
  label: string,
): Promise<TestOrganisation> {
  const admin = await newUser(server, `${label}-admin`);
  const slug = `${label}-${randomUUID().slice(0, 8)}`;
  const data = await ok<{ createOrganisation: { id: string } }>(
    server,
    admin,
    'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
    { input: { name: `${label} Ltd`, slug } },
  );
  admin.organisationId = data.createOrganisation.id;
  return { id: data.createOrganisation.id, admin };
}

/** Adds a member at `role` through invite + accept, both real mutations. */
export async function addMember(
  server: TestServer,
  organisation: TestOrganisation,
  role: 'admin' | 'risk_owner' | 'editor' | 'viewer',
  label = role,
): Promise<TestUser> {
  const member = await newUser(server, label);
  const invited = await ok<{ inviteMember: { id: string } }>(
    server,
    organisation.admin,
    'mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { id } }',
    { input: { organisationId: organisation.id, email: member.email, role } },
  );
  await ok(
    server,
    member,
    'mutation ($o: ID!, $i: ID!) { acceptInvitation(organisationId: $o, invitationId: $i) { role } }',
    { o: organisation.id, i: invited.inviteMember.id },
  );
  member.organisationId = organisation.id;
  return member;
}

/** Registers a system owned by the organisation. */
export async function newSystem(
  server: TestServer,
  organisation: TestOrganisation,
  name: string,
): Promise<string> {
  const data = await ok<{ registerSystem: { id: string } }>(
    server,
    organisation.admin,
    'mutation ($input: RegisterSystemInput!) { registerSystem(input: $input) { id } }',
    { input: { name, criticalityTier: 2, tags: ['test'] } },
  );
  return data.registerSystem.id;
}

/** Shares a system with another organisation at a role. */
export async function share(
  server: TestServer,
  owner: TestOrganisation,
  systemId: string,
  granteeOrganisationId: string,
  role: 'editor' | 'viewer' | 'auditor',
): Promise<void> {
  await ok(
    server,
    owner.admin,
    'mutation ($s: ID!, $g: ID!, $r: ShareRole!) { shareSystem(systemId: $s, granteeOrganisationId: $g, role: $r) { role } }',
    { s: systemId, g: granteeOrganisationId, r: role },
  );
}

/**
 * Creates a threat model owned by the organisation inside `systemId`: the
 * domain decides CreateThreatModel, the events go to the real event store,
 * and the system adopts the model through the addModelToSystem mutation.
 */
export async function newModel(
  server: TestServer,
  organisation: TestOrganisation,
  systemId: string,
  name: string,
): Promise<string> {
  const modelId = randomUUID();
  const decision = decide(
    { type: 'CreateThreatModel', modelId, systemId, name, description: '' },
    initialState(),
    {
      actor: {
        userId: organisation.admin.userId,
        organisationId: organisation.id,
        roles: ['admin'],
      },
      now: new Date().toISOString(),
    },
  );
  if (!decision.ok) throw decision.error;
  await server.database.eventStore.append(
    `model-${modelId}`,
    decision.events.map((event) => ({
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: { actor: organisation.admin.userId, organisation: organisation.id },
    })),
    { expectedVersion: 'no_stream' },
  );
  await ok(
    server,
    organisation.admin,
    'mutation ($s: ID!, $m: ID!) { addModelToSystem(systemId: $s, modelId: $m) { id } }',
    { s: systemId, m: modelId },
  );
  await eventually(async () => {
    const answer = await as(
      server,
      organisation.admin,
      'query ($id: ID!) { model(id: $id) { id } }',
      { id: modelId },
    );
    return answer.errors === undefined;
  });
  return modelId;
}

/** Polls `condition` until it holds (read models follow the event store asynchronously). */
export async function eventually(
  condition: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
