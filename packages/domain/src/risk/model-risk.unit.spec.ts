import { describe, expect, it } from 'vitest';
import { modelRisk, replay, type Command, type ModelState } from '../index.js';
import { editor, eventsOf, given, smallModelHistory } from '../../test/support/scenario.js';

function after(commands: Command[]): ModelState {
  const history = smallModelHistory();
  return given(history, eventsOf(commands, editor, replay(history)));
}

describe('modelRisk', () => {
  it('lists unscored threats instead of counting them as no risk', () => {
    const risk = modelRisk(given(smallModelHistory()));
    expect(risk.unscoredThreatIds).toEqual(['threat-1']);
    expect(risk.inherent.threatCount).toBe(0);
  });

  it('counts a severity-only threat at the bottom of its band', () => {
    const risk = modelRisk(
      after([
        {
          type: 'ScoreThreat',
          threatId: 'threat-1',
          method: { method: 'stated' },
          stated: { severity: 'high' },
        },
      ]),
    );
    expect(risk.inherent.peakScore).toBe(7);
  });

  it('lowers the residual figure by the controls in place', () => {
    const risk = modelRisk(
      after([
        {
          type: 'ScoreThreat',
          threatId: 'threat-1',
          method: { method: 'stated' },
          stated: { score: 8 },
        },
        {
          type: 'PlanMitigation',
          mitigationId: 'm',
          threatIds: ['threat-1'],
          strategies: ['mitigate'],
          action: 'Bind parameters',
          status: 'verified',
          effectiveness: 0.5,
        },
      ]),
    );
    expect(risk.inherent.peakScore).toBe(8);
    expect(risk.residual.peakScore).toBe(4);
    expect(risk.residual.riskPoints).toBeLessThan(risk.inherent.riskPoints);
  });

  it('leaves out threats marked not applicable', () => {
    const risk = modelRisk(
      after([
        {
          type: 'ScoreThreat',
          threatId: 'threat-1',
          method: { method: 'stated' },
          stated: { score: 8 },
        },
        { type: 'ChangeThreatStatus', threatId: 'threat-1', status: 'not_applicable' },
      ]),
    );
    expect(risk.inherent.threatCount).toBe(0);
    expect(risk.unscoredThreatIds).toEqual([]);
  });
});
