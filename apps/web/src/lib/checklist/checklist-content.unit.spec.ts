import { collabModelOf, modelFromDoc, writeModelToDoc } from '@threatloom/collab';
import {
  closureChecklist,
  contentOf,
  execute,
  initialState,
  type CommandContext,
  type ModelState,
} from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentOfDocModel, isEmptyModel, liveChecklist } from './checklist-content.js';

const reviewer: CommandContext = {
  actor: {
    userId: 'user-reviewer',
    organisationId: 'org-genomewell',
    roles: ['admin', 'risk_owner'],
    email: 'reviewer@genomewell.test',
  },
  now: '2026-03-02T09:00:00.000Z',
};

function stateAfter(commands: Record<string, unknown>[]): ModelState {
  let state = initialState();
  for (const command of commands) {
    const result = execute(command, state, reviewer);
    if (!result.ok) throw new Error(`${String(command['type'])}: ${result.error.message}`);
    state = result.state;
  }
  return state;
}

/** A doc holding `state`, as the server's mirror writes it. */
function docOf(state: ModelState): Y.Doc {
  const doc = new Y.Doc();
  writeModelToDoc(doc, collabModelOf(state), 'server');
  return doc;
}

const shop = [
  { type: 'CreateThreatModel', modelId: 'model-1', systemId: 'system-1', name: 'Shop' },
  { type: 'AddZone', zoneId: 'internet', name: 'Internet', trust: 'untrusted' },
  { type: 'AddZone', zoneId: 'core', name: 'Core', trust: 'trusted' },
  {
    type: 'AddElement',
    elementId: 'user',
    kind: 'external_entity',
    name: 'User',
    zoneId: 'internet',
  },
  { type: 'AddElement', elementId: 'api', kind: 'process', name: 'API', zoneId: 'core' },
  {
    type: 'AddFlow',
    flowId: 'user-api',
    name: 'User - API',
    sourceId: 'user',
    destinationId: 'api',
  },
  {
    type: 'IdentifyThreat',
    threatId: 'threat-1',
    title: 'Injected SQL reads other customers’ orders',
    stride: 'information_disclosure',
    target: { kind: 'element', id: 'api' },
  },
  {
    type: 'IdentifyThreat',
    threatId: 'threat-2',
    title: 'Stolen session replayed',
    stride: 'spoofing',
    target: { kind: 'flow', id: 'user-api' },
  },
  {
    type: 'AcceptRisk',
    decisionId: 'decision-1',
    threatId: 'threat-2',
    rationale: 'Sessions last five minutes',
    expiresAt: '2026-06-01T00:00:00.000Z',
  },
  { type: 'RecordAssumption', assumptionId: 'a-1', text: 'The cloud provider patches hosts' },
  { type: 'AttestChecklistItem', item: 'clarity', verdict: 'pass', note: 'Read every threat' },
];

describe('liveChecklist', () => {
  it('gives, from the doc, the checklist the domain gives for the state the doc mirrors', () => {
    const state = stateAfter(shop);
    const asOf = '2026-04-01T00:00:00.000Z';

    const live = liveChecklist(modelFromDoc(docOf(state)), asOf);

    expect(live).toEqual({
      kind: 'ready',
      result: closureChecklist(contentOf(state), { asOf }),
    });
  });

  it('counts a risk decision as lapsed once its expiry has passed at the given time', () => {
    const model = modelFromDoc(docOf(stateAfter(shop)));

    const before = liveChecklist(model, '2026-05-31T23:59:00.000Z');
    const after = liveChecklist(model, '2026-06-01T00:00:00.000Z');

    const rationales = (live: typeof before) =>
      live.kind === 'ready' ? live.result.items.find((item) => item.id === 'rationales') : null;
    expect(rationales(before)?.offenders).toEqual([]);
    expect(rationales(after)?.offenders.map((offender) => offender.id)).toEqual(['decision-1']);
  });

  it('reads the attestations and settings the server wrote into the doc', () => {
    const content = contentOfDocModel(modelFromDoc(docOf(stateAfter(shop))));

    expect(content?.attestations['clarity']).toMatchObject({
      verdict: 'pass',
      attestedBy: { email: 'reviewer@genomewell.test' },
    });
    expect(content?.settings.approvalThreshold).toBe('high');
  });

  it('waits while the doc holds no settings yet (before the first sync)', () => {
    expect(liveChecklist(modelFromDoc(new Y.Doc()), '2026-04-01T00:00:00.000Z')).toEqual({
      kind: 'waiting',
    });
  });

  it('reports a doc it cannot read instead of throwing', () => {
    const model = modelFromDoc(docOf(stateAfter(shop)));
    const broken = {
      ...model,
      mitigations: { m: { id: 'm', action: 'Half-typed' } as never },
    };

    const live = liveChecklist(broken, '2026-04-01T00:00:00.000Z');

    expect(live.kind).toBe('unreadable');
  });
});

describe('isEmptyModel', () => {
  it('is true for a model with nothing drawn and no threat', () => {
    const model = modelFromDoc(docOf(stateAfter(shop.slice(0, 1))));
    expect(isEmptyModel(model)).toBe(true);
  });

  it('is false as soon as something is drawn', () => {
    const model = modelFromDoc(docOf(stateAfter(shop.slice(0, 2))));
    expect(isEmptyModel(model)).toBe(false);
  });
});
