import { describe, expect, it } from 'vitest';
import { decideWindow } from './sliding-window.js';

const now = new Date('2026-11-24T10:00:00Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('sliding rate-limit window', () => {
  it('allows while fewer failures than the limit fall inside the window', () => {
    expect(decideWindow([secondsAgo(10), secondsAgo(5)], 3, 60_000, now)).toEqual({
      isAllowed: true,
      retryAfterSeconds: 0,
    });
  });

  it('refuses at the limit and says when the oldest counted failure leaves the window', () => {
    const decision = decideWindow([secondsAgo(50), secondsAgo(20), secondsAgo(5)], 3, 60_000, now);
    expect(decision).toEqual({ isAllowed: false, retryAfterSeconds: 10 });
  });

  it('ignores failures older than the window', () => {
    expect(
      decideWindow([secondsAgo(120), secondsAgo(90), secondsAgo(5)], 3, 60_000, now).isAllowed,
    ).toBe(true);
  });

  it('waits for enough failures to leave when far over the limit', () => {
    const failures = [secondsAgo(59), secondsAgo(40), secondsAgo(30), secondsAgo(1)];
    // Four failures, limit three: two must leave, the second of which left 40 s ago -> 20 s.
    expect(decideWindow(failures, 3, 60_000, now).retryAfterSeconds).toBe(20);
  });

  it('never answers a retry-after below one second', () => {
    expect(decideWindow([secondsAgo(59.9)], 1, 60_000, now).retryAfterSeconds).toBe(1);
  });
});
