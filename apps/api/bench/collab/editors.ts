import { randomBytes } from 'node:crypto';
import { postGraphQL, type GraphQLAnswer } from '../../test/support/api-server.js';
import { eventually, type ModelOwner } from '../../test/support/model-owner.js';

function required<Data>(answer: GraphQLAnswer<Data>, what: string): Data {
  if (answer.errors?.length || answer.data === null) {
    throw new Error(`${what} failed: ${JSON.stringify(answer.errors)}`);
  }
  return answer.data;
}

/**
 * One editor of the owner's organisation: a user who signed up, was invited
 * as an editor, accepted, and created a personal API token (editor ceiling)
 * for the organisation, all through GraphQL. Returns the token's secret.
 */
async function createEditor(url: string, owner: ModelOwner): Promise<string> {
  const email = `editor-${randomBytes(6).toString('hex')}@example.test`;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation ($email: String!, $password: String!) { signUp(email: $email, password: $password) { csrfToken } }',
      variables: { email, password: 'correct horse battery staple' },
    }),
  });
  const body = (await response.json()) as { data?: { signUp?: { csrfToken: string } } };
  const csrfToken = body.data?.signUp?.csrfToken;
  if (csrfToken === undefined) throw new Error(`sign-up failed: ${JSON.stringify(body)}`);
  const headers: Record<string, string> = {
    cookie: response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; '),
    'x-csrf-token': csrfToken,
  };
  // Invitations and acceptances append to the organisation's stream: concurrent ones may conflict.
  const invited = await eventually(async () =>
    required(
      await owner.graphql<{ inviteMember: { id: string } }>(
        'mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { id } }',
        { input: { organisationId: owner.organisationId, email, role: 'editor' } },
      ),
      'inviteMember',
    ),
  );
  await eventually(async () =>
    required(
      await postGraphQL(
        url,
        'mutation ($o: ID!, $i: ID!) { acceptInvitation(organisationId: $o, invitationId: $i) { role } }',
        { o: owner.organisationId, i: invited.inviteMember.id },
        headers,
      ),
      'acceptInvitation',
    ),
  );
  headers['x-threatloom-organisation'] = owner.organisationId;
  // The membership reaches the read models through the tenancy projection.
  const created = await eventually(async () =>
    required(
      await postGraphQL<{ createApiToken: { secret: string } }>(
        url,
        'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }',
        {
          input: {
            organisationId: owner.organisationId,
            roleCeiling: 'editor',
            name: 'co-editing benchmark',
          },
        },
        headers,
      ),
      'createApiToken',
    ),
  );
  return created.createApiToken.secret;
}

/** `count` editors of the owner's organisation, a few at a time; their API tokens. */
export async function createEditorTokens(
  url: string,
  owner: ModelOwner,
  count: number,
): Promise<string[]> {
  const tokens: string[] = [];
  const worker = async () => {
    while (tokens.length < count) {
      const slot = tokens.length;
      tokens.push('');
      tokens[slot] = await createEditor(url, owner);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return tokens;
}
