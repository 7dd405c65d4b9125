import { getOperationAST, parse, type DocumentNode } from 'graphql';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface GraphQLRequestBody {
  query?: unknown;
  operationName?: unknown;
}

/** Most documents whose operation type is remembered, and the longest one remembered. */
const KNOWN_DOCUMENTS = 512;
const KNOWN_DOCUMENT_MAX_LENGTH = 8192;

/**
 * Operation types of recent documents, by text and then operation name:
 * clients send the same few documents over and over, and parsing one costs
 * more than the rest of this check. Keyed by the text itself (no key string is
 * built per request); bounded in entries and text length.
 */
const knownOperationTypes = new Map<string, Map<string, string | null>>();
let knownEntries = 0;

function operationTypeOf(query: unknown, operationName: unknown): string | null {
  if (typeof query !== 'string') return null;
  if (query.length > KNOWN_DOCUMENT_MAX_LENGTH) return parsedOperationTypeOf(query, operationName);
  const name = operationNameOf(operationName) ?? '';
  const byName = knownOperationTypes.get(query);
  const known = byName?.get(name);
  if (known !== undefined) return known;
  const type = parsedOperationTypeOf(query, operationName);
  if (knownEntries >= KNOWN_DOCUMENTS) {
    knownOperationTypes.clear();
    knownEntries = 0;
  }
  // Looked up again: the clear above may have dropped it.
  let names = knownOperationTypes.get(query);
  if (names === undefined) {
    names = new Map();
    knownOperationTypes.set(query, names);
  }
  names.set(name, type);
  knownEntries += 1;
  return type;
}

/**
 * The operation name as the executor reads it: graphql-jit, which runs every
 * frequent document, treats an empty name as no name and runs the document's
 * only operation, so an empty name must be judged as no name here too.
 */
function operationNameOf(operationName: unknown): string | undefined {
  return typeof operationName === 'string' && operationName !== '' ? operationName : undefined;
}

function parsedOperationTypeOf(query: string, operationName: unknown): string | null {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    // Unparseable documents never execute; mercurius answers them itself.
    return null;
  }
  return getOperationAST(document, operationNameOf(operationName))?.operation ?? null;
}

/** True when a GraphQL request body (single or batched) holds a mutation or subscription. */
export function isGraphQLWrite(body: unknown): boolean {
  const operations: GraphQLRequestBody[] = Array.isArray(body)
    ? (body as GraphQLRequestBody[])
    : typeof body === 'string'
      ? [{ query: body }]
      : [(body ?? {}) as GraphQLRequestBody];
  return operations.some((operation) => {
    const type = operationTypeOf(operation?.query, operation?.operationName);
    return type === 'mutation' || type === 'subscription';
  });
}

/**
 * Whether a cookie-authenticated request must prove it came from our own pages:
 * every GraphQL mutation, and every non-GraphQL request with an unsafe method.
 * GraphQL queries sent by POST are reads; a cross-site page cannot read their answers.
 */
export function needsCsrfToken(method: string, path: string, body: unknown): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (path === '/graphql') return isGraphQLWrite(body);
  return true;
}
