import type { CookieBrowser } from './cookie-browser.js';

/** A GraphQL answer as the tests read it. */
export interface GraphQLAnswer<Data = Record<string, unknown>> {
  status: number;
  data: Data | null;
  errors: { message: string; extensions?: Record<string, unknown> }[] | undefined;
  headers: Headers;
}

/** How a request authenticates besides the browser's cookies. */
export interface GraphQLRequestOptions {
  csrfToken?: string;
  bearer?: string;
  organisationId?: string;
}

/** Posts one GraphQL operation over real HTTP through the browser's cookie jar. */
export async function graphql<Data = Record<string, unknown>>(
  browser: CookieBrowser,
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: GraphQLRequestOptions = {},
): Promise<GraphQLAnswer<Data>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.csrfToken) headers['x-csrf-token'] = options.csrfToken;
  if (options.bearer) headers['authorization'] = `Bearer ${options.bearer}`;
  if (options.organisationId) headers['x-threatloom-organisation'] = options.organisationId;
  const response = await browser.fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data | null; errors?: GraphQLAnswer['errors'] };
  return {
    status: response.status,
    data: body.data ?? null,
    errors: body.errors,
    headers: response.headers,
  };
}

/** The `extensions.code` of the first error, or undefined when the operation succeeded. */
export function errorCode(answer: GraphQLAnswer<unknown>): unknown {
  return answer.errors?.[0]?.extensions?.['code'];
}
