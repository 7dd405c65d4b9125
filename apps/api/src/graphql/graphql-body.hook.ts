import type { FastifyInstance } from 'fastify';

/** What each member of a POSTed GraphQL request must be, and what it was expected to be. */
const members: readonly [
  field: string,
  isAcceptable: (value: unknown) => boolean,
  expected: string,
][] = [
  ['query', (value) => typeof value === 'string', 'a GraphQL document as a string'],
  [
    'variables',
    (value) =>
      value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value)),
    'an object of variable values, or null',
  ],
  [
    'operationName',
    (value) => value === undefined || value === null || typeof value === 'string',
    'the name of an operation in the query, or null',
  ],
];

/** The first member of a GraphQL request body that does not have its shape, or null. */
export function malformedGraphQLBody(body: unknown): { field: string; expected: string } | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { field: '(body)', expected: 'a JSON object with a query string' };
  }
  for (const [field, isAcceptable, expected] of members) {
    if (!isAcceptable((body as Record<string, unknown>)[field])) return { field, expected };
  }
  return null;
}

/** Whether `url` (path and optional query string) names exactly `path`. */
function isPath(url: string, path: string): boolean {
  return url.startsWith(path) && (url.length === path.length || url[path.length] === '?');
}

/**
 * Refuses a POST /graphql whose body is not `{ query: string, variables?,
 * operationName? }` before Fastify's schema validation, which would coerce
 * `{"query":42}` into the string "42" and let Mercurius read the number as a
 * parsed document. Answers 400 with VALIDATION naming the member.
 */
export function registerGraphQLBodyCheck(fastify: FastifyInstance, path = '/graphql'): void {
  fastify.addHook('preValidation', async (request, reply) => {
    if (request.method !== 'POST' || !isPath(request.url, path)) return;
    const malformed = malformedGraphQLBody(request.body);
    if (malformed === null) return;
    await reply.status(400).send({
      data: null,
      errors: [
        {
          message: `${malformed.field}: expected ${malformed.expected}`,
          extensions: { code: 'VALIDATION', ...malformed },
        },
      ],
    });
  });
}
