import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closureChecklist,
  contentOf,
  decide,
  diffModels,
  emptyContent,
  evolve,
  initialState,
  isEmptyDiff,
  replay,
  strideMatrix,
  suggestStrideCategories,
  threatTable,
  trustLevels,
  type Command,
  type CommandContext,
  type DomainEvent,
  type ModelContent,
  type ModelState,
} from '../index.js';
import { actingAs, eventsOf } from '../../test/support/scenario.js';

const pool = (prefix: string, size: number) =>
  fc.constantFrom(...Array.from({ length: size }, (_, index) => `${prefix}${index + 1}`));
const zoneId = pool('z', 3);
const elementId = pool('e', 4);
const flowId = pool('f', 3);
const threatId = pool('t', 5);
const mitigationId = pool('m', 3);
const decisionId = pool('d', 3);
const assetId = pool('a', 2);
const treeId = pool('tree', 2);
const nodeId = pool('n', 4);
const stride = fc.constantFrom(
  'spoofing',
  'tampering',
  'repudiation',
  'information_disclosure',
  'denial_of_service',
  'elevation_of_privilege',
);
const target = fc.oneof(
  fc.record({ kind: fc.constant('element' as const), id: elementId }),
  fc.record({ kind: fc.constant('flow' as const), id: flowId }),
);
const threatsPolicy = fc.oneof(
  fc.constant({ policy: 'remove' as const }),
  fc.constant({ policy: 'detach' as const }),
  target.map((t) => ({ policy: 'reassign' as const, target: t })),
);
const vector = fc.constantFrom(
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:N',
  'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N',
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
  'CVSS:3.1/AV:Z',
);
const stated = fc.option(
  fc.record({
    score: fc.option(
      fc.integer({ min: 0, max: 100 }).map((n) => n / 10),
      { nil: null },
    ),
    severity: fc.option(fc.constantFrom('low', 'medium', 'high', 'critical'), { nil: null }),
  }),
  { nil: null },
);

/** Commands over small id pools, weighted so sequences build structure before they freeze it. */
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('ChangeModelSettings' as const),
      approvalThreshold: fc.constantFrom('low', 'medium', 'high', 'critical'),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('AddZone' as const),
      zoneId,
      name: fc.constant('Zone'),
      trust: fc.constantFrom(...trustLevels),
      parentZoneId: fc.option(zoneId, { nil: null, freq: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('ChangeZone' as const),
      zoneId,
      parentZoneId: fc.option(zoneId, { nil: null, freq: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('RemoveZone' as const), zoneId }) },
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('AddElement' as const),
      elementId,
      kind: fc.constantFrom('external_entity', 'process', 'data_store'),
      name: fc.constant('Element'),
      zoneId,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('ChangeElement' as const), elementId, zoneId }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('RemoveElement' as const),
      elementId,
      threats: threatsPolicy,
      cascadeFlows: fc.boolean(),
    }),
  },
  {
    weight: 7,
    arbitrary: fc.record({
      type: fc.constant('AddFlow' as const),
      flowId,
      name: fc.constant('Flow'),
      sourceId: elementId,
      destinationId: elementId,
      bidirectional: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('ChangeFlow' as const),
      flowId,
      destinationId: elementId,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('RemoveFlow' as const),
      flowId,
      threats: threatsPolicy,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('AddAsset' as const),
      assetId,
      name: fc.constant('Asset'),
      sensitivity: fc.constantFrom('low', 'high'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('RemoveAsset' as const), assetId }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('RecordAssumption' as const),
      assumptionId: pool('as', 2),
      text: fc.constant('Assumed'),
    }),
  },
  {
    weight: 9,
    arbitrary: fc.record({
      type: fc.constant('IdentifyThreat' as const),
      threatId,
      ref: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
      sourceRef: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
      title: fc.constant('Threat'),
      stride,
      target,
      assetIds: fc.constantFrom<string[]>([], ['a1'], ['a1', 'a2']),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('ScoreThreat' as const),
      threatId,
      method: fc.oneof(
        vector.map((v) => ({ method: 'cvss' as const, vector: v })),
        fc.constant({ method: 'stated' as const }),
      ),
      stated,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('ChangeThreatStatus' as const),
      threatId,
      status: fc.constantFrom('open', 'in_progress', 'mitigated', 'not_applicable'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('RetargetThreat' as const), threatId, target }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('RemoveThreat' as const), threatId }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('DeclareNoThreats' as const),
      targetKind: fc.constantFrom('element', 'flow', 'zone'),
      targetId: fc.oneof(zoneId, elementId, flowId),
      reason: fc.constant('Reason'),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('PlanMitigation' as const),
      mitigationId,
      threatIds: fc.array(threatId, { minLength: 1, maxLength: 2 }),
      strategies: fc.subarray(['eliminate', 'mitigate', 'accept', 'transfer'] as const, {
        minLength: 1,
      }),
      action: fc.constant('Action'),
      owner: fc.option(fc.constant('Owner'), { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('LinkMitigation' as const), mitigationId, threatId }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('UnlinkMitigation' as const),
      mitigationId,
      threatId,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('AcceptRisk' as const),
      decisionId,
      threatId,
      rationale: fc.option(fc.constant('Because'), { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('TransferRisk' as const),
      decisionId,
      threatId,
      transferredTo: fc.constant('Insurer'),
      rationale: fc.option(fc.constant('Because'), { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('RevokeRiskDecision' as const),
      decisionId,
      reason: fc.constant('Changed'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('CreateAttackTree' as const),
      attackTreeId: treeId,
      threatId,
      rootNodeId: fc.constant('root'),
      rootKind: fc.constantFrom('and', 'or'),
      rootLabel: fc.constant('Goal'),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('AddAttackTreeNode' as const),
      attackTreeId: treeId,
      nodeId,
      parentNodeId: fc.oneof(fc.constant('root'), nodeId),
      kind: fc.constantFrom('and', 'or', 'leaf'),
      label: fc.constant('Step'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('RemoveAttackTreeNode' as const),
      attackTreeId: treeId,
      nodeId,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('FreezeModelVersion' as const),
      label: fc.constant('Review'),
    }),
  },
  { weight: 12, arbitrary: fc.record({ type: fc.constant('OpenModelDraft' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('AttestChecklistItem' as const),
      item: fc.constantFrom('clarity' as const, 'specificity' as const),
      verdict: fc.constantFrom('pass' as const, 'fail' as const),
      note: fc.constant('Reviewed'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('ChangeModelSettings' as const),
      requiresTicketLinks: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('SignOffModelVersion' as const),
      versionNumber: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('PlanExternalValidation' as const),
      reviewer: fc.constant('Auditor'),
      plannedFor: fc.constant('2026-09-01'),
    }),
  },
);

const context: fc.Arbitrary<CommandContext> = fc.constantFrom(
  actingAs(['editor']),
  actingAs(['editor']),
  actingAs(['risk_owner']),
  actingAs(['viewer']),
  actingAs(['auditor']),
);

/** A small model every scenario starts from, so random commands meet existing ids. */
const prelude: Command[] = [
  { type: 'CreateThreatModel', modelId: 'm', systemId: 's', name: 'M' },
  { type: 'AddZone', zoneId: 'z1', name: 'Outside', trust: 'untrusted' },
  { type: 'AddZone', zoneId: 'z2', name: 'Inside', trust: 'trusted' },
  { type: 'AddElement', elementId: 'e1', kind: 'external_entity', name: 'User', zoneId: 'z1' },
  { type: 'AddElement', elementId: 'e2', kind: 'process', name: 'API', zoneId: 'z2' },
  { type: 'AddElement', elementId: 'e3', kind: 'data_store', name: 'DB', zoneId: 'z2' },
  { type: 'AddFlow', flowId: 'f1', name: 'User - API', sourceId: 'e1', destinationId: 'e2' },
  { type: 'AddAsset', assetId: 'a1', name: 'Data', sensitivity: 'high' },
  {
    type: 'IdentifyThreat',
    threatId: 't1',
    title: 'T',
    stride: 'tampering',
    target: { kind: 'element', id: 'e2' },
  },
];

const scenario = fc.array(fc.tuple(command, context), { minLength: 1, maxLength: 60, size: 'max' });

interface Run {
  states: ModelState[];
  events: DomainEvent[];
  frozenAtTheTime: Map<number, ModelContent>;
}

/** Runs a scenario through decide and evolve, keeping every state reached. */
function run(steps: Array<[Command, CommandContext]>): Run {
  const setup = eventsOf(prelude);
  let state = replay(setup);
  const states = [state];
  const events = [...setup];
  const frozenAtTheTime = new Map<number, ModelContent>();
  for (const [cmd, ctx] of steps) {
    const result = decide(cmd, deepFreeze(state), ctx);
    if (!result.ok) continue;
    for (const event of result.events) {
      state = evolve(state, event);
      if (event.type === 'ModelVersionFrozen') {
        frozenAtTheTime.set(event.data.versionNumber, structuredClone(contentOf(state)));
      }
    }
    events.push(...result.events);
    states.push(state);
  }
  return { states, events, frozenAtTheTime };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value)) deepFreeze(entry);
  }
  return value;
}

const last = (states: ModelState[]): ModelState => states[states.length - 1] ?? initialState();

describe('decide and evolve, for any sequence of commands', () => {
  it('never produce an event that evolve rejects, and never mutate the state they are given', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        expect(() => run(steps)).not.toThrow();
      }),
    );
  });

  it('replaying the accepted events rebuilds the same state', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const { states, events } = run(steps);
        expect(replay(events)).toEqual(last(states));
      }),
    );
  });

  it('replaying onward from a state never changes that state', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), (steps, cut) => {
        const { events } = run(steps);
        const split = cut % (events.length + 1);
        const middle = replay(events.slice(0, split));
        const before = structuredClone(middle);
        const end = replay(events.slice(split), middle);
        expect(middle).toEqual(before);
        expect(end).toEqual(replay(events));
      }),
    );
  });

  it('leave a state the checklist, the STRIDE matrix, the register and the diff can evaluate', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const state = last(run(steps).states);
        const checklist = closureChecklist(state);
        expect(checklist.items).toHaveLength(10);
        expect(checklist.passed).toBe(checklist.items.every((entry) => entry.passed));
        const matrix = strideMatrix(state);
        expect(matrix.rows).toHaveLength(
          Object.keys(state.elements).length + Object.keys(state.flows).length,
        );
        for (const row of matrix.rows)
          expect(suggestStrideCategories(state, row.id).categories.length).toBeGreaterThan(0);
        expect(threatTable(state)).toHaveLength(Object.keys(state.threats).length);
        diffModels(emptyContent(), state);
      }),
    );
  });

  it('keep refs unique, flow endpoints existing, element zones existing and zone nesting acyclic', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        for (const state of run(steps).states) {
          const refs = Object.values(state.threats).map((threat) => threat.ref);
          expect(new Set(refs).size).toBe(refs.length);
          for (const flow of Object.values(state.flows)) {
            expect(state.elements[flow.sourceId]).toBeDefined();
            expect(state.elements[flow.destinationId]).toBeDefined();
          }
          for (const element of Object.values(state.elements))
            expect(state.zones[element.zoneId]).toBeDefined();
          for (const zone of Object.values(state.zones)) {
            const seen = new Set<string>();
            let current: string | null = zone.id;
            while (current !== null) {
              expect(seen.has(current)).toBe(false);
              seen.add(current);
              current = state.zones[current]?.parentZoneId ?? null;
            }
          }
        }
      }),
    );
  });

  it('never change a frozen version after it was frozen', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const { states, frozenAtTheTime } = run(steps);
        for (const version of last(states).versions) {
          expect(version.snapshot).toEqual(frozenAtTheTime.get(version.number));
        }
      }),
    );
  });
});

describe('diffModels, for any two reachable states', () => {
  it('finds nothing between a state and itself', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        for (const state of run(steps).states)
          expect(isEmptyDiff(diffModels(state, state))).toBe(true);
      }),
    );
  });

  it('reports as removed going back exactly what it reports as added going forward', () => {
    fc.assert(
      fc.property(scenario, (steps) => {
        const { states } = run(steps);
        const first = states[0] ?? initialState();
        const forward = diffModels(first, last(states));
        const backward = diffModels(last(states), first);
        for (const kind of Object.keys(forward) as Array<keyof typeof forward>) {
          expect(backward[kind].removed.sort()).toEqual(forward[kind].added.sort());
          expect(backward[kind].added.sort()).toEqual(forward[kind].removed.sort());
        }
      }),
    );
  });
});
