import { apiErrorOf, ApiError } from './api-error.js';

/** What every request carries besides its query: the CSRF token and the acting organisation. */
export interface RequestContext {
  csrfToken: string | null;
  organisationId: string | null;
}

let context: RequestContext = { csrfToken: null, organisationId: null };

/** Sets what the next requests carry (the session keeps it current). */
export function setRequestContext(next: RequestContext): void {
  context = { ...next };
}

/**
 * Runs one GraphQL operation against the API of this origin, with the session
 * cookie, the CSRF token and the acting organisation. Resolves to `data`;
 * rejects with an ApiError carrying the API's code and field.
 */
export async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  fetchImpl: typeof fetch = fetch,
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (context.csrfToken) headers['x-csrf-token'] = context.csrfToken;
  if (context.organisationId) headers['x-threatloom-organisation'] = context.organisationId;
  let response: Response;
  try {
    response = await fetchImpl('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError(
      'The server cannot be reached. Check your connection and try again.',
      'NETWORK',
    );
  }
  let body: { data?: T | null; errors?: unknown[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(
      `The server answered ${response.status} without a GraphQL body`,
      'HTTP_' + response.status,
    );
  }
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    throw apiErrorOf(body.errors as Parameters<typeof apiErrorOf>[0]);
  }
  if (body.data === undefined || body.data === null) {
    throw new ApiError(
      `The server answered ${response.status} without data`,
      'HTTP_' + response.status,
    );
  }
  return body.data;
}
