/** Outcome of checking one rate-limit bucket. */
export interface WindowDecision {
  isAllowed: boolean;
  /** Whole seconds until one more attempt is allowed; 0 when allowed now. */
  retryAfterSeconds: number;
}

/**
 * Sliding window over recorded failures: allowed while fewer than `limit`
 * failures happened in the last `windowMs`; otherwise the caller may retry once
 * the oldest failure that keeps the count at the limit has left the window.
 */
export function decideWindow(
  failures: readonly Date[],
  limit: number,
  windowMs: number,
  now: Date,
): WindowDecision {
  const windowStart = now.getTime() - windowMs;
  const recent = failures
    .map((failure) => failure.getTime())
    .filter((time) => time > windowStart)
    .sort((a, b) => a - b);
  if (recent.length < limit) return { isAllowed: true, retryAfterSeconds: 0 };
  const releasing = recent[recent.length - limit] ?? windowStart;
  const waitMs = releasing + windowMs - now.getTime();
  return { isAllowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
