import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from '../../src/collab/concurrency-limit.js';

/** A task that runs until `finish` is called. */
function gate() {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish: () => finish() };
}

describe('ConcurrencyLimit', () => {
  it('runs at most its limit at once, the rest in order, and frees a slot on failure', async () => {
    const limit = new ConcurrencyLimit(2);
    const started: string[] = [];
    const gates = new Map(['a', 'b', 'c', 'd'].map((name) => [name, gate()]));
    const task = (name: string, fail = false) =>
      limit.run(async () => {
        started.push(name);
        await gates.get(name)!.done;
        if (fail) throw new Error(`${name} failed`);
        return name;
      });
    const a = task('a', true);
    const b = task('b');
    const c = task('c');
    const d = task('d');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toEqual(['a', 'b']);
    gates.get('a')!.finish();
    await expect(a).rejects.toThrow('a failed');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toEqual(['a', 'b', 'c']);
    gates.get('c')!.finish();
    gates.get('b')!.finish();
    gates.get('d')!.finish();
    expect(await Promise.all([b, c, d])).toEqual(['b', 'c', 'd']);
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    // All slots are free again.
    const e = gate();
    const f = gate();
    const both = [limit.run(() => e.done), limit.run(() => f.done)];
    await new Promise((resolve) => setTimeout(resolve, 10));
    e.finish();
    f.finish();
    await Promise.all(both);
  });

  it('refuses a limit below one', () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(RangeError);
  });
});
