import type { CommandContext } from '@threatloom/domain';
import type { WebSocket } from 'ws';
import type { RequestScope } from '../access/request-scope.js';
import type { PresenceIdentity } from './collab-awareness.js';
import { collabLimits, CollabCloseCode } from './collab-limits.js';
import type { CollabPeer } from './collab-session.js';

/** A token bucket: `rate` per second, at most `burst` at once. */
export class RateLimit {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Takes one token; false when none is left. */
  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** A WebSocket as a session peer: sends with back-pressure, closes with a code and reason. */
export class WebSocketPeer implements CollabPeer {
  readonly limit = new RateLimit(collabLimits.messagesPerSecond, collabLimits.messageBurst);

  constructor(
    readonly id: string,
    private readonly socket: WebSocket,
    readonly scope: RequestScope,
    readonly context: CommandContext,
    readonly mayEdit: boolean,
    readonly identity: PresenceIdentity,
  ) {}

  send(message: Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > collabLimits.sendBufferBytes) {
      this.close(CollabCloseCode.tooSlow, 'Too slow: the client does not read what it is sent');
      return;
    }
    this.socket.send(message, { binary: true });
  }

  close(code: number, reason: string): void {
    if (
      this.socket.readyState === this.socket.CLOSED ||
      this.socket.readyState === this.socket.CLOSING
    ) {
      return;
    }
    // A close frame's reason is at most 123 bytes.
    this.socket.close(code, Buffer.from(reason).subarray(0, 123).toString());
  }
}
