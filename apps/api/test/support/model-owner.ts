import { randomBytes } from 'node:crypto';
import { postGraphQL, type ApiServer, type GraphQLAnswer } from './api-server.js';

/**
 * A user who signed up over HTTP, created an organisation and registered a
 * system in it: the owner's admin, so every model command is theirs to make.
 */
export interface ModelOwner {
  organisationId: string;
  systemId: string;
  /** Cookie, CSRF token and acting-organisation headers for every request. */
  headers: Record<string, string>;
  /** Sends one GraphQL operation as this user. */
  graphql<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLAnswer<Data>>;
  /**
   * Creates a threat model in the owner's system and returns its id; the
   * mutation answers once the model is readable, so it can be used at once.
   */
  createThreatModel(name: string): Promise<string>;
}

async function required<Data>(answer: Promise<GraphQLAnswer<Data>>, what: string): Promise<Data> {
  const settled = await answer;
  if (settled.errors?.length || settled.data === null) {
    throw new Error(`${what} failed: ${JSON.stringify(settled.errors)}`);
  }
  return settled.data;
}

/** Signs a fresh user up and gives them an organisation and a system, through the public API. */
export async function createModelOwner(server: Pick<ApiServer, 'url'>): Promise<ModelOwner> {
  const suffix = randomBytes(4).toString('hex');
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation ($email: String!, $password: String!) { signUp(email: $email, password: $password) { csrfToken } }',
      variables: {
        email: `owner-${suffix}@example.test`,
        password: 'correct horse battery staple',
      },
    }),
  });
  const body = (await response.json()) as {
    data?: { signUp?: { csrfToken: string } };
    errors?: unknown;
  };
  const csrfToken = body.data?.signUp?.csrfToken;
  if (csrfToken === undefined) throw new Error(`sign-up failed: ${JSON.stringify(body.errors)}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const headers: Record<string, string> = { cookie, 'x-csrf-token': csrfToken };

  const organisation = await required(
    postGraphQL<{ createOrganisation: { id: string } }>(
      server.url,
      'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }',
      { input: { name: `Owner ${suffix}`, slug: `owner-${suffix}` } },
      headers,
    ),
    'createOrganisation',
  );
  headers['x-threatloom-organisation'] = organisation.createOrganisation.id;
  // Memberships reach the read models through the tenancy projection.
  const system = await eventually(() =>
    required(
      postGraphQL<{ registerSystem: { id: string } }>(
        server.url,
        'mutation ($input: RegisterSystemInput!) { registerSystem(input: $input) { id } }',
        { input: { name: `System ${suffix}`, criticalityTier: 2 } },
        headers,
      ),
      'registerSystem',
    ),
  );
  const graphql: ModelOwner['graphql'] = (query, variables = {}) =>
    postGraphQL(server.url, query, variables, headers);
  return {
    organisationId: organisation.createOrganisation.id,
    systemId: system.registerSystem.id,
    headers,
    graphql,
    async createThreatModel(name) {
      const created = await required(
        graphql<{ createThreatModel: { modelId: string } }>(
          'mutation ($input: CreateThreatModelInput!) { createThreatModel(input: $input) { modelId } }',
          { input: { systemId: system.registerSystem.id, name } },
        ),
        'createThreatModel',
      );
      return created.createThreatModel.modelId;
    },
  };
}

/** Retries `attempt` until it resolves (read models are eventually consistent), up to `timeoutMs`. */
export async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
