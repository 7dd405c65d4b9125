import { CookieBrowser } from '../../identity/support/cookie-browser.js';
import { graphql, type GraphQLAnswer } from '../../identity/support/graphql-client.js';
import { signUp, uniqueEmail } from '../../identity/support/identity-operations.js';
import type { TestServer } from '../../identity/support/identity-test-server.js';

/** A signed-in user acting for one organisation over real HTTP. */
export interface TestUser {
  userId: string;
  email: string;
  browser: CookieBrowser;
  csrfToken: string;
  /** The organisation sent in `x-threatloom-organisation`, when set. */
  organisationId?: string;
}

/** Signs a fresh user up (which signs them in) through the identity module's own mutation. */
export async function newUser(server: TestServer, label: string): Promise<TestUser> {
  const browser = new CookieBrowser();
  const email = uniqueEmail(label);
  const answer = await signUp(browser, server, email, 'correct horse battery staple');
  const data = answer.data?.signUp;
  if (!data) throw new Error(`sign-up failed: ${JSON.stringify(answer.errors)}`);
  return { userId: data.user.id, email, browser, csrfToken: data.csrfToken };
}

/** Sends one GraphQL operation as `user` (cookie, CSRF token and acting organisation). */
export function as<Data = Record<string, unknown>>(
  server: TestServer,
  user: TestUser,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLAnswer<Data>> {
  return graphql<Data>(user.browser, server.baseUrl, query, variables, {
    csrfToken: user.csrfToken,
    ...(user.organisationId ? { organisationId: user.organisationId } : {}),
  });
}

/** Like `as`, but throws with the errors when the operation failed. */
export async function ok<Data = Record<string, unknown>>(
  server: TestServer,
  user: TestUser,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Data> {
  const answer = await as<Data>(server, user, query, variables);
  if (answer.errors?.length || answer.data === null) {
    throw new Error(`${query.trim().split('\n')[0]} failed: ${JSON.stringify(answer.errors)}`);
  }
  return answer.data;
}
