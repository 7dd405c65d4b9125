import { execute, initialState, type CommandContext, type ModelState } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import { affectedThreatIds, changedKeys, threatRow } from './model-rows.js';

const context: CommandContext = {
  actor: { userId: 'u1', organisationId: 'o1', roles: ['admin'] },
  now: '2026-11-24T09:00:00.000Z',
};

function run(state: ModelState, command: unknown): ModelState {
  const result = execute(command, state, context);
  if (!result.ok) throw new Error(result.error.message);
  return result.state;
}

function modelWithTwoThreats(): ModelState {
  let state = run(initialState(), {
    type: 'CreateThreatModel',
    modelId: 'm1',
    systemId: 's1',
    name: 'M',
  });
  state = run(state, { type: 'AddZone', zoneId: 'z1', name: 'Zone', trust: 'trusted' });
  state = run(state, {
    type: 'AddElement',
    elementId: 'e1',
    kind: 'process',
    name: 'API',
    zoneId: 'z1',
  });
  for (const threatId of ['t1', 't2']) {
    state = run(state, {
      type: 'IdentifyThreat',
      threatId,
      title: `Threat ${threatId}`,
      stride: 'tampering',
      target: { kind: 'element', id: 'e1' },
    });
  }
  return state;
}

describe('model read-model rows', () => {
  it('finds no change between a state and itself', () => {
    const state = modelWithTwoThreats();
    expect(changedKeys(state.threats, state.threats).size).toBe(0);
    expect(affectedThreatIds(state, state).size).toBe(0);
  });

  it('rewrites only the threat a mitigation was planned for', () => {
    const before = modelWithTwoThreats();
    const after = run(before, {
      type: 'PlanMitigation',
      mitigationId: 'mit1',
      threatIds: ['t2'],
      strategies: ['mitigate'],
      action: 'Sign requests',
      owner: 'alice',
    });
    expect([...affectedThreatIds(before, after)]).toEqual(['t2']);
    const row = threatRow('m1', after, after.threats['t2']!);
    expect(JSON.parse(row.mitigations)).toEqual([
      expect.objectContaining({ id: 'mit1', owner: 'alice' }),
    ]);
  });

  it('carries the computed CVSS score and severity of a scored threat', () => {
    const before = modelWithTwoThreats();
    const after = run(before, {
      type: 'ScoreThreat',
      threatId: 't1',
      method: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    });
    expect([...affectedThreatIds(before, after)]).toEqual(['t1']);
    expect(threatRow('m1', after, after.threats['t1']!)).toMatchObject({
      score_method: 'cvss',
      score: 9.8,
      severity: 'critical',
    });
  });
});
