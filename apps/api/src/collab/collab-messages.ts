import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** Message types of the y-websocket protocol. */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** A client's message, decoded. */
export type ClientMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'queryAwareness' }
  | { kind: 'auth' };

/** A message the protocol does not allow; the sender's socket is closed. */
export class MalformedMessage extends Error {}

/**
 * Decodes one client message. Throws MalformedMessage for an unknown type, a
 * truncated frame or trailing bytes. An update's own bytes are checked later
 * (`Y.decodeUpdate`), before anything is applied.
 */
export function parseClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    let message: ClientMessage;
    switch (type) {
      case MessageType.sync: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (step === syncProtocol.messageYjsSyncStep1) {
          message = { kind: 'syncStep1', stateVector: payload };
        } else if (
          step === syncProtocol.messageYjsSyncStep2 ||
          step === syncProtocol.messageYjsUpdate
        ) {
          message = { kind: 'update', update: payload };
        } else {
          throw new MalformedMessage(`unknown sync message ${step}`);
        }
        break;
      }
      case MessageType.awareness:
        message = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
        break;
      case MessageType.queryAwareness:
        message = { kind: 'queryAwareness' };
        break;
      case MessageType.auth:
        // Clients have nothing to say here; read and ignore it.
        decoding.readVarUint(decoder);
        decoding.readVarString(decoder);
        message = { kind: 'auth' };
        break;
      default:
        throw new MalformedMessage(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder))
      throw new MalformedMessage('trailing bytes after the message');
    return message;
  } catch (error) {
    if (error instanceof MalformedMessage) throw error;
    throw new MalformedMessage(`truncated or malformed message: ${(error as Error).message}`);
  }
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, doc);
  });
}

/** Sync step 2: what the client lacks, given its state vector. */
export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  });
}

/** An update to apply. */
export function updateMessage(update: Uint8Array): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeUpdate(encoder, update);
  });
}

/** Awareness states of `clients`. */
export function awarenessMessage(
  awareness: awarenessProtocol.Awareness,
  clients: readonly number[],
): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(awareness, [...clients]),
    );
  });
}

/** The protocol's "permission denied", with the reason: a stock client logs it, ours shows it. */
export function permissionDeniedMessage(reason: string): Uint8Array {
  return message((encoder) => {
    encoding.writeVarUint(encoder, MessageType.auth);
    authProtocol.writePermissionDenied(encoder, reason);
  });
}
