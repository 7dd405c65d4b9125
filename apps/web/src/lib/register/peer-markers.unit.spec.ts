import { describe, expect, it } from 'vitest';
import { peersBySelection } from './peer-markers.js';

describe('peersBySelection', () => {
  it('marks each selected id with the people who selected it, by name', () => {
    const markers = peersBySelection([
      { userId: 'u2', name: 'Zoe', colour: '#123456', selection: ['t1', 't2'] },
      { userId: 'u1', name: 'Ada', colour: '#654321', selection: ['t1'] },
    ]);
    expect(markers.get('t1')?.map((marker) => marker.name)).toEqual(['Ada', 'Zoe']);
    expect(markers.get('t2')).toEqual([{ userId: 'u2', name: 'Zoe', colour: '#123456' }]);
    expect(markers.has('t3')).toBe(false);
  });

  it('shows a person once however many tabs they have the same threat selected in', () => {
    const markers = peersBySelection([
      { userId: 'u1', name: 'Ada', colour: '#654321', selection: ['t1'] },
      { userId: 'u1', name: 'Ada', colour: '#654321', selection: ['t1', 't1'] },
    ]);
    expect(markers.get('t1')).toHaveLength(1);
  });
});
