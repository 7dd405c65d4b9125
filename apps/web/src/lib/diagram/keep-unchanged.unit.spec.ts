import { describe, expect, it } from 'vitest';
import { isSameData, isSameList, keepUnchanged } from './keep-unchanged.js';

const onResized = () => undefined;

function zoneNode(name: string, x = 0) {
  return {
    id: 'zone-1',
    type: 'zone',
    position: { x, y: 0 },
    selected: false,
    data: { zone: { id: 'zone-1', name, tags: ['dmz'] }, peerColours: [], onResized },
  };
}

describe('keeping diagram items that did not change', () => {
  it('hands back the item Svelte Flow holds when every field we set is the same', () => {
    const held = {
      ...zoneNode('Internet'),
      measured: { width: 320, height: 200 },
      dragging: false,
    };
    expect(keepUnchanged(held, zoneNode('Internet'))).toBe(held);
  });

  it('hands over the new item when a field changed, with what Svelte Flow measured', () => {
    const held = { ...zoneNode('Internet'), measured: { width: 320, height: 200 } };
    const next = keepUnchanged(held, zoneNode('Internet', 40));
    expect(next).not.toBe(held);
    expect(next.position).toEqual({ x: 40, y: 0 });
    expect((next as typeof held).measured).toEqual({ width: 320, height: 200 });
  });

  it('sees a change deep in the data, and in a list', () => {
    const held = zoneNode('Internet');
    expect(keepUnchanged(held, zoneNode('Intranet'))).not.toBe(held);
    const retagged = zoneNode('Internet');
    retagged.data.zone.tags = ['dmz', 'edge'];
    expect(keepUnchanged(held, retagged)).toBe(retagged);
  });

  it('takes a new item as it is when there was none', () => {
    const next = zoneNode('Internet');
    expect(keepUnchanged(undefined, next)).toBe(next);
  });
});

describe('plain data', () => {
  it('is the same when it holds the same values, functions by identity', () => {
    expect(
      isSameData({ a: [1, { b: 'x' }], f: onResized }, { a: [1, { b: 'x' }], f: onResized }),
    ).toBe(true);
    expect(isSameData({ f: onResized }, { f: () => undefined })).toBe(false);
    expect(isSameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(isSameData([1], { 0: 1 })).toBe(false);
    expect(isSameData(null, {})).toBe(false);
  });

  it('lists are the same when they hold the same items in order', () => {
    const item = {};
    expect(isSameList([item], [item])).toBe(true);
    expect(isSameList([item], [{}])).toBe(false);
    expect(isSameList([item, item], [item])).toBe(false);
  });
});
