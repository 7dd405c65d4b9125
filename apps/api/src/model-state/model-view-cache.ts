/** A computed view and until when it holds. */
interface CachedView {
  value: unknown;
  /** Epoch ms from which the view may differ although the model did not change (an expiry). */
  validUntilMs: number;
}

/**
 * Views computed from a model's state (checklist, STRIDE matrix, diff),
 * keyed by what they depend on: the model id, the view, the model's last
 * semantic change (layout-only events leave it alone) and, for a diff, the
 * two points compared. A view that depends on the date (expiring risk
 * decisions) carries the instant it stops holding. Least recently used views
 * are dropped beyond `capacity`.
 */
export class ModelViewCache {
  private readonly views = new Map<string, CachedView>();
  /** Computations under way, so concurrent asks for one key (aliases in one request) share one. */
  private readonly pending = new Map<string, Promise<CachedView>>();
  /** Views computed (cache misses) since start, for tests and diagnostics. */
  computations = 0;

  /** @param capacity most views kept (default 1000). */
  constructor(readonly capacity = 1000) {}

  /**
   * The cached view under `key`, or the value `compute` gives (remembered
   * with the instant `validUntilMs` it returns; Infinity for "until the model changes").
   */
  async get<View>(
    key: string,
    nowMs: number,
    compute: () => Promise<{ value: View; validUntilMs: number }>,
  ): Promise<View> {
    const cached = this.views.get(key);
    if (cached !== undefined && nowMs < cached.validUntilMs) {
      this.views.delete(key);
      this.views.set(key, cached);
      return cached.value as View;
    }
    const underWay = this.pending.get(key);
    if (underWay !== undefined) return (await underWay).value as View;
    this.computations += 1;
    const computation = compute().finally(() => this.pending.delete(key));
    this.pending.set(key, computation);
    const computed = await computation;
    this.remember(key, computed);
    return computed.value;
  }

  private remember(key: string, view: CachedView): void {
    this.views.delete(key);
    this.views.set(key, view);
    while (this.views.size > this.capacity) {
      const oldest = this.views.keys().next().value;
      if (oldest === undefined) break;
      this.views.delete(oldest);
    }
  }
}
