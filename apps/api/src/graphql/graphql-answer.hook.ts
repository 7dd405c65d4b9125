import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterTurnBudget } from '../event-loop/turn-budget.js';
import { jsonPieces } from './json-slices.js';

/** Characters of JSON written at once; an answer no longer than this goes out in one piece. */
export const ANSWER_CHUNK_CHARS = 64 * 1024;

/** The serializer of an answer that is already JSON text (or a stream of it). */
const asWritten = (payload: unknown): string => payload as string;

/** Whether `payload` is a successful answer with data and nothing else (no errors, no extensions). */
function isDataOnly(payload: unknown): payload is { data: object } {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  const keys = Object.keys(payload);
  const data = (payload as { data?: unknown }).data;
  return keys.length === 1 && keys[0] === 'data' && typeof data === 'object' && data !== null;
}

/** The rest of an answer's pieces, in chunks of about ANSWER_CHUNK_CHARS, within the turn budget. */
async function* remainingChunks(
  head: string,
  pieces: Generator<string, void, undefined>,
): AsyncGenerator<string> {
  yield head;
  let chunk = '';
  for (let next = pieces.next(); next.done !== true; next = pieces.next()) {
    chunk += next.value;
    if (chunk.length >= ANSWER_CHUNK_CHARS) {
      yield chunk;
      chunk = '';
      await afterTurnBudget();
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Writes a long GraphQL answer (the STRIDE matrix or checklist of a large
 * model, several aliases of it) as a stream of JSON chunks produced within
 * the turn budget, instead of serialising, measuring and writing megabytes
 * in one block that holds the event loop. The text is exactly what
 * `JSON.stringify` gives. An answer that fits in one chunk, and any answer
 * with errors (whose shape Mercurius's response schema writes), is sent as
 * before, with its Content-Length.
 */
export function registerGraphQLAnswerStreaming(fastify: FastifyInstance, path = '/graphql'): void {
  fastify.addHook('preSerialization', async (request, reply, payload) => {
    if (request.url.split('?')[0] !== path || reply.statusCode >= 300) return payload;
    if (!isDataOnly(payload)) return payload;
    const pieces = jsonPieces(payload);
    let head = '';
    for (let next = pieces.next(); next.done !== true; next = pieces.next()) {
      head += next.value;
      if (head.length >= ANSWER_CHUNK_CHARS) {
        reply.serializer(asWritten);
        return Readable.from(remainingChunks(head, pieces), { objectMode: false });
      }
    }
    reply.serializer(asWritten);
    return head;
  });
}
