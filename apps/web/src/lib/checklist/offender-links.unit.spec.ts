import type { CollabModel } from '@threatloom/collab';
import type { RiskDecision } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import { offenderLink, shownOffenders } from './offender-links.js';

const modelId = 'model-1';

function modelWithDecisions(decisions: Record<string, Pick<RiskDecision, 'threatId'>>) {
  return { governed: { decisions } } as unknown as Pick<CollabModel, 'governed'>;
}

const noDecisions = modelWithDecisions({});

describe('offenderLink', () => {
  it.each(['element', 'flow', 'zone'] as const)(
    'opens the diagram with the %s selected',
    (kind) => {
      expect(offenderLink({ kind, id: 'x', reason: '' }, modelId, noDecisions)).toEqual({
        href: '/models/model-1',
        selection: [{ kind, id: 'x' }],
        view: 'diagram',
      });
    },
  );

  it.each(['threat', 'mitigation'] as const)(
    'opens the threat register with the %s selected',
    (kind) => {
      expect(offenderLink({ kind, id: 'x', ref: 4, reason: '' }, modelId, noDecisions)).toEqual({
        href: '/models/model-1/threats',
        selection: [{ kind, id: 'x' }],
        view: 'threats',
      });
    },
  );

  it('opens a risk decision as the threat it decides', () => {
    const model = modelWithDecisions({ 'decision-1': { threatId: 'threat-7' } });

    expect(
      offenderLink({ kind: 'decision', id: 'decision-1', ref: 7, reason: '' }, modelId, model),
    ).toEqual({
      href: '/models/model-1/threats',
      selection: [{ kind: 'threat', id: 'threat-7' }],
      view: 'threats',
    });
  });

  it('links no decision the doc does not hold', () => {
    expect(offenderLink({ kind: 'decision', id: 'gone', reason: '' }, modelId, noDecisions)).toBe(
      null,
    );
  });

  it('links nothing for the model itself (assumptions, external validation, attestations)', () => {
    expect(
      offenderLink({ kind: 'model', id: 'assumptions', reason: '' }, modelId, noDecisions),
    ).toBe(null);
  });
});

describe('shownOffenders', () => {
  const offenders = ['a', 'b', 'c', 'd', 'e'];

  it('shows the first few and counts the rest', () => {
    expect(shownOffenders(offenders, false, 3)).toEqual({ shown: ['a', 'b', 'c'], hiddenCount: 2 });
  });

  it('shows all when asked', () => {
    expect(shownOffenders(offenders, true, 3)).toEqual({ shown: offenders, hiddenCount: 0 });
  });

  it('hides nothing when they fit', () => {
    expect(shownOffenders(offenders, false, 5)).toEqual({ shown: offenders, hiddenCount: 0 });
  });
});
