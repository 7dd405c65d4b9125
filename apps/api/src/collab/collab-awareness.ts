import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MalformedMessage } from './collab-messages.js';

/** Who a connection is, as others see them: set by the server, never taken from the client. */
export interface PresenceIdentity {
  userId: string;
  name: string;
  organisationId: string | null;
  /** The name of the organisation the user acts for, so others see who they work for. */
  organisationName: string | null;
}

/** Presence as it is broadcast: the identity, a colour, and what the user has selected. */
export interface PresenceState {
  user: {
    id: string;
    name: string;
    organisationId: string | null;
    organisationName: string | null;
    colour: string;
  };
  /** Ids of selected entities of this model. */
  selection: string[];
  /** Pointer on the diagram, if shown. */
  cursor: { x: number; y: number } | null;
}

const MAX_SELECTION = 100;
const MAX_ID_LENGTH = 200;
/** A connection announces at most this many awareness client ids (one doc, one reconnect). */
export const MAX_CLIENT_IDS_PER_CONNECTION = 4;

function colourOf(requested: unknown, userId: string): string {
  if (typeof requested === 'string' && /^#[0-9a-fA-F]{6}$/.test(requested)) return requested;
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360}, 70%, 45%)`;
}

/**
 * The presence the server lets through for a client's state: its identity
 * from the authenticated connection, a colour, a selection of ids and a
 * cursor. Anything else the client put in its state is dropped, so a client
 * can neither impersonate anyone nor smuggle data to other clients.
 */
export function sanitisePresence(state: unknown, identity: PresenceIdentity): PresenceState {
  const raw = (state !== null && typeof state === 'object' ? state : {}) as Record<string, unknown>;
  const user = (
    raw['user'] !== null && typeof raw['user'] === 'object' ? raw['user'] : {}
  ) as Record<string, unknown>;
  const selection = Array.isArray(raw['selection'])
    ? raw['selection']
        .filter((id): id is string => typeof id === 'string' && id.length <= MAX_ID_LENGTH)
        .slice(0, MAX_SELECTION)
    : [];
  const cursorValue = raw['cursor'] as { x?: unknown; y?: unknown } | null | undefined;
  const cursor =
    cursorValue &&
    typeof cursorValue.x === 'number' &&
    typeof cursorValue.y === 'number' &&
    Number.isFinite(cursorValue.x) &&
    Number.isFinite(cursorValue.y)
      ? { x: cursorValue.x, y: cursorValue.y }
      : null;
  return {
    user: {
      id: identity.userId,
      name: identity.name,
      organisationId: identity.organisationId,
      organisationName: identity.organisationName,
      colour: colourOf(user['colour'] ?? user['color'], identity.userId),
    },
    selection,
    cursor,
  };
}

/**
 * Rewrites a client's awareness update: each state is sanitised, and entries
 * for client ids the connection does not own are dropped (`claim` decides,
 * and records new ones). Throws MalformedMessage when the update is not one.
 */
export function rewriteAwarenessUpdate(
  update: Uint8Array,
  identity: PresenceIdentity,
  claim: (clientId: number) => boolean,
): Uint8Array | null {
  let entries: Array<{ clientId: number; clock: number; state: unknown }>;
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_CLIENT_IDS_PER_CONNECTION)
      throw new MalformedMessage('too many awareness states');
    entries = [];
    for (let index = 0; index < count; index += 1) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      entries.push({ clientId, clock, state });
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes after awareness');
  } catch (error) {
    if (error instanceof MalformedMessage) throw error;
    throw new MalformedMessage(`malformed awareness update: ${(error as Error).message}`);
  }
  const kept = entries.filter((entry) => claim(entry.clientId));
  if (kept.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    const state = entry.state === null ? null : sanitisePresence(entry.state, identity);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}
