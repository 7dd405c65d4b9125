import { describe, expect, it } from 'vitest';
import { ModelViewCache } from './model-view-cache.js';

/** A computation that finishes only when the test lets it. */
function gate<View>(value: View) {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let runs = 0;
  return {
    get runs() {
      return runs;
    },
    open,
    compute: async () => {
      runs += 1;
      await opened;
      return { value, validUntilMs: Number.POSITIVE_INFINITY };
    },
  };
}

describe('ModelViewCache', () => {
  it('computes a view once for concurrent asks under one key, as aliases in one request make', async () => {
    const cache = new ModelViewCache();
    const checklist = gate('checklist');
    const asks = [1, 2, 3, 4].map(() => cache.get('m:checklist:7', 0, checklist.compute));
    checklist.open();

    expect(await Promise.all(asks)).toEqual(['checklist', 'checklist', 'checklist', 'checklist']);
    expect(checklist.runs).toBe(1);
    expect(cache.computations).toBe(1);
  });

  it('computes views under different keys separately', async () => {
    const cache = new ModelViewCache();
    const before = gate('before');
    const after = gate('after');
    const asks = [
      cache.get('m:checklist:7', 0, before.compute),
      cache.get('m:checklist:8', 0, after.compute),
    ];
    before.open();
    after.open();

    expect(await Promise.all(asks)).toEqual(['before', 'after']);
    expect(cache.computations).toBe(2);
  });

  it('remembers no failed computation: the next ask computes again', async () => {
    const cache = new ModelViewCache();
    await expect(
      cache.get('m:diff:1:2:3', 0, () => Promise.reject(new Error('stream unreadable'))),
    ).rejects.toThrow('stream unreadable');

    const retry = gate('diff');
    retry.open();
    expect(await cache.get('m:diff:1:2:3', 0, retry.compute)).toBe('diff');
    expect(retry.runs).toBe(1);
  });

  it('computes again once the view has expired', async () => {
    const cache = new ModelViewCache();
    await cache.get('m:checklist:7', 0, async () => ({ value: 'old', validUntilMs: 100 }));

    expect(
      await cache.get('m:checklist:7', 100, async () => ({
        value: 'new',
        validUntilMs: Number.POSITIVE_INFINITY,
      })),
    ).toBe('new');
  });
});
