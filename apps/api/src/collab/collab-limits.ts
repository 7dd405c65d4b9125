/**
 * Limits of the co-editing endpoint (docs/collaboration.md). The message cap
 * is above the document cap: a client that was offline sends everything it
 * holds in one sync message, which can be as large as the document.
 */
export const collabLimits = {
  /** Largest document, as its full encoded state. */
  documentBytes: 1024 * 1024,
  /** Largest WebSocket message. */
  messageBytes: 1024 * 1024 + 64 * 1024,
  /** Messages a connection may send per second, sustained. */
  messagesPerSecond: 100,
  /** Messages a connection may send at once before the rate applies. */
  messageBurst: 400,
  /** Bytes queued towards a client before it is dropped as too slow. */
  sendBufferBytes: 16 * 1024 * 1024,
  /** How long updates of one actor are gathered before they are persisted. */
  persistWindowMs: 200,
  /**
   * Closed batches are stored together at most this often (a group commit):
   * many editors interleaving close a batch at nearly every update, and one
   * transaction per update would cost the database (and every subscriber
   * reading after each commit) far more than the edits themselves.
   */
  persistIntervalMs: 100,
  /**
   * How long a user whose update ran out of its decoding budget may not
   * connect again (4429): each such update holds up every connection's
   * updates for up to the budget.
   */
  poisonedUpdateBarMs: 60_000,
  /** Documents a process loads at once (more connecting models wait their turn). */
  concurrentOpens: 2,
  /** At most one ChangeRejected event per connection per this many ms; the rest are counted. */
  rejectionRecordIntervalMs: 1000,
  /** The server pings every connection this often and drops one that did not answer the last ping. */
  pingIntervalMs: 30_000,
} as const;

/**
 * Close codes of `/collab/:modelId`. 1008-1011 and 4xxx are final for our web
 * app (it does not reconnect on them); 1012 asks the client to reconnect.
 */
export const CollabCloseCode = {
  /** The server stops, or the document is reloaded: reconnect. */
  restart: 1012,
  /** A frame the protocol does not allow, or an update Yjs cannot decode. */
  malformed: 4400,
  /** No valid session or API token. */
  unauthenticated: 4401,
  /** No access to this model (also for a model that does not exist: ids leak nothing). */
  forbidden: 4403,
  /** The document would grow past its cap. */
  documentTooLarge: 4413,
  /** Too many messages. */
  rateLimited: 4429,
  /** The client does not read what it is sent. */
  tooSlow: 4408,
  /** An update took longer than its budget to decode (COLLAB_UPDATE_BUDGET_MS): it was not applied. */
  unprocessable: 4422,
} as const;
