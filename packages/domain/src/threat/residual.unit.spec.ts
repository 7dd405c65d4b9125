import { describe, expect, it } from 'vitest';
import {
  replay,
  threatResidualRisk,
  threatTable,
  type Command,
  type ModelState,
} from '../index.js';
import { editor, eventsOf, given, smallModelHistory } from '../../test/support/scenario.js';

function withMitigations(mitigations: Command[]): ModelState {
  const history = smallModelHistory();
  const more = eventsOf(
    [
      {
        type: 'ScoreThreat',
        threatId: 'threat-1',
        method: { method: 'stated' },
        stated: { score: 8 },
      },
      ...mitigations,
    ],
    editor,
    replay(history),
  );
  return given(history, more);
}

const plan = (id: string, status: string, effectiveness: unknown): Command =>
  ({
    type: 'PlanMitigation',
    mitigationId: id,
    threatIds: ['threat-1'],
    strategies: ['mitigate'],
    action: id,
    status,
    effectiveness,
  }) as Command;

describe('threatResidualRisk', () => {
  it('credits only implemented or verified controls for today', () => {
    const state = withMitigations([plan('m1', 'implemented', 0.5), plan('m2', 'planned', 'high')]);
    expect(threatResidualRisk(state, 'threat-1')?.residualScore).toBe(4);
  });

  it('credits the whole plan for the target', () => {
    const state = withMitigations([plan('m1', 'implemented', 0.5), plan('m2', 'planned', 'high')]);
    expect(threatResidualRisk(state, 'threat-1', 'all')?.residualScore).toBe(1);
  });

  it('ignores mitigations whose effectiveness nobody estimated', () => {
    const state = withMitigations([plan('m1', 'verified', null)]);
    expect(threatResidualRisk(state, 'threat-1')?.residualScore).toBe(8);
  });

  it('is unknown for a threat without a numeric score', () => {
    expect(threatResidualRisk(given(smallModelHistory()), 'threat-1')).toBeNull();
  });
});

describe('threatTable residual columns', () => {
  it('shows the computed residual severity once an effectiveness is estimated', () => {
    const row = threatTable(withMitigations([plan('m1', 'verified', 'high')]))[0];
    expect(row).toMatchObject({ score: 8, severity: 'high', residualScore: 2, residual: 'low' });
  });

  it('falls back to the residual severity a mitigation states', () => {
    const state = withMitigations([
      {
        type: 'PlanMitigation',
        mitigationId: 'm1',
        threatIds: ['threat-1'],
        strategies: ['mitigate'],
        action: 'WAF',
        residualRisk: { severity: 'medium' },
      },
    ]);
    expect(threatTable(state)[0]?.residual).toBe('medium');
  });
});
