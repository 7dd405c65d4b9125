import type { Command } from '@threatloom/domain';
import type { CollabModel } from './collab-model.js';
import { sameJson } from './same-json.js';
import { collectionFields, collectionNames, governedKeys, type CollectionName } from './schema.js';
import type { WriteScope } from './write-model.js';

/** A change in the doc that no domain command expresses; the server reverts it. */
export interface Rejection {
  /** Where in the doc: `threats.<id>.ref`, `governed.decisions`, ... */
  path: string;
  reason: string;
}

/** The phase of a change: additions first, then changes, then removals (what refers goes first). */
export type Phase = 'add' | 'change' | 'remove';

/** The commands of one phase that turn `current` into `next`, and what has no command. */
export interface PhaseDiff {
  commands: Command[];
  rejections: Rejection[];
}

type Entity = Record<string, unknown>;

const EDITED_BY_SERVER = 'is written by the server only; change it through the GraphQL API';

/**
 * The fields `next` sets to something else. A field it lacks is no change: a
 * client adding an entity leaves out what the domain fills in (a threat's ref
 * and status), and a removed key is written back by the server.
 */
function changedFields(collection: CollectionName, current: Entity, next: Entity): string[] {
  return Object.keys(collectionFields[collection]).filter(
    (field) => next[field] !== undefined && !sameJson(current[field], next[field]),
  );
}

function pick(entity: Entity, fields: readonly string[]): Entity {
  const picked: Entity = {};
  for (const field of fields) if (entity[field] !== undefined) picked[field] = entity[field];
  return picked;
}

/** The `method` part of ScoreThreat for a score as the doc holds it (a domain `ThreatScore`). */
function scoreMethod(score: unknown): unknown {
  if (score === null || typeof score !== 'object') return score;
  const value = score as Record<string, unknown>;
  switch (value['method']) {
    case 'cvss':
      return { method: 'cvss', vector: value['vector'] };
    case 'owasp':
      return { method: 'owasp', factors: value['factors'] };
    case 'matrix':
      return { method: 'matrix', likelihood: value['likelihood'], impact: value['impact'] };
    case 'stated':
      return { method: 'stated' };
    default:
      return value;
  }
}

function scoreCommand(threatId: string, score: unknown): Command {
  const stated = score !== null && typeof score === 'object' ? (score as Entity)['stated'] : null;
  return {
    type: 'ScoreThreat',
    threatId,
    method: scoreMethod(score),
    stated: stated ?? null,
  } as Command;
}

/** Puts ids whose `parentOf` is also in the list after that parent (zones, tree nodes). */
function parentsFirst(ids: string[], parentOf: (id: string) => unknown): string[] {
  const pending = new Set(ids);
  const ordered: string[] = [];
  const visit = (id: string, depth: number): void => {
    if (!pending.has(id) || depth > ids.length) return;
    const parent = parentOf(id);
    if (typeof parent === 'string' && pending.has(parent)) visit(parent, depth + 1);
    if (pending.delete(id)) ordered.push(id);
  };
  for (const id of ids) visit(id, 0);
  return ordered;
}

function addCommands(collection: CollectionName, id: string, next: Entity): Command[] {
  switch (collection) {
    case 'zones':
      return [
        {
          type: 'AddZone',
          zoneId: id,
          ...pick(next, ['name', 'trust', 'parentZoneId', 'description']),
        } as Command,
      ];
    case 'elements':
      return [
        {
          type: 'AddElement',
          elementId: id,
          ...pick(next, ['kind', 'name', 'description', 'technology', 'zoneId', 'c4Level', 'tags']),
        } as Command,
      ];
    case 'flows':
      return [
        {
          type: 'AddFlow',
          flowId: id,
          ...pick(next, ['name', 'sourceId', 'destinationId', 'bidirectional', 'data', 'protocol']),
        } as Command,
      ];
    case 'assets':
      return [
        {
          type: 'AddAsset',
          assetId: id,
          ...pick(next, ['name', 'description', 'sensitivity', 'businessImpact']),
        } as Command,
      ];
    case 'assumptions':
      return [{ type: 'RecordAssumption', assumptionId: id, ...pick(next, ['text']) } as Command];
    case 'scopeExclusions':
      return [
        {
          type: 'ExcludeFromScope',
          exclusionId: id,
          ...pick(next, ['text', 'elementIds']),
        } as Command,
      ];
    case 'threats':
      // Score and status follow as changes, against the threat the domain created.
      return [
        {
          type: 'IdentifyThreat',
          threatId: id,
          ...pick(next, [
            'ref',
            'sourceRef',
            'title',
            'description',
            'stride',
            'linddun',
            'target',
            'assetIds',
          ]),
        } as Command,
      ];
    case 'mitigations':
      return [
        {
          type: 'PlanMitigation',
          mitigationId: id,
          ...pick(next, [
            'threatIds',
            'strategies',
            'action',
            'owner',
            'status',
            'dueDate',
            'verification',
            'ticketUrl',
            'effectiveness',
            'residualRisk',
          ]),
        } as Command,
      ];
    case 'attackTrees': {
      // The root comes with the tree; the other nodes follow as changes.
      const rootNodeId = next['rootNodeId'];
      const nodes = (next['nodes'] ?? {}) as Record<string, Entity | undefined>;
      const root = typeof rootNodeId === 'string' ? nodes[rootNodeId] : undefined;
      return [
        {
          type: 'CreateAttackTree',
          attackTreeId: id,
          threatId: next['threatId'],
          rootNodeId,
          rootKind: root?.['kind'],
          rootLabel: root?.['label'],
        } as Command,
      ];
    }
  }
}

function removeCommands(collection: CollectionName, id: string): Command[] | Rejection {
  switch (collection) {
    case 'zones':
      return [{ type: 'RemoveZone', zoneId: id }];
    case 'elements':
      return [
        {
          type: 'RemoveElement',
          elementId: id,
          threats: { policy: 'detach' },
          cascadeFlows: false,
        },
      ];
    case 'flows':
      return [{ type: 'RemoveFlow', flowId: id, threats: { policy: 'detach' } }];
    case 'assets':
      return [{ type: 'RemoveAsset', assetId: id }];
    case 'assumptions':
      return [{ type: 'WithdrawAssumption', assumptionId: id }];
    case 'threats':
      return [{ type: 'RemoveThreat', threatId: id }];
    case 'scopeExclusions':
      return { path: `scopeExclusions.${id}`, reason: 'a scope exclusion, once recorded, stays' };
    case 'mitigations':
      return {
        path: `mitigations.${id}`,
        reason: "a mitigation is not removed; set its status to 'cancelled'",
      };
    case 'attackTrees':
      return {
        path: `attackTrees.${id}`,
        reason: 'an attack tree is not removed; remove its nodes',
      };
  }
}

function attackTreeNodeChanges(id: string, current: Entity, next: Entity, diff: PhaseDiff): void {
  const before = (current['nodes'] ?? {}) as Record<string, Entity>;
  const after = next['nodes'];
  if (after === null || typeof after !== 'object' || Array.isArray(after)) {
    diff.rejections.push({ path: `attackTrees.${id}.nodes`, reason: 'expected a map of nodes' });
    return;
  }
  const nodes = after as Record<string, Entity>;
  const added = Object.keys(nodes).filter((nodeId) => before[nodeId] === undefined);
  for (const nodeId of parentsFirst(added, (node) => nodes[node]?.['parentId'])) {
    const node = nodes[nodeId] ?? {};
    diff.commands.push({
      type: 'AddAttackTreeNode',
      attackTreeId: id,
      nodeId,
      parentNodeId: node['parentId'],
      kind: node['kind'],
      label: node['label'],
      feasibility: node['feasibility'] ?? null,
    } as Command);
  }
  const removed = new Set(Object.keys(before).filter((nodeId) => nodes[nodeId] === undefined));
  for (const nodeId of removed) {
    // Removing a node removes its subtree: name only the top of each removed subtree.
    const parent = before[nodeId]?.['parentId'];
    if (typeof parent === 'string' && removed.has(parent)) continue;
    diff.commands.push({ type: 'RemoveAttackTreeNode', attackTreeId: id, nodeId });
  }
  for (const nodeId of Object.keys(nodes)) {
    if (before[nodeId] !== undefined && !sameJson(before[nodeId], nodes[nodeId])) {
      diff.rejections.push({
        path: `attackTrees.${id}.nodes.${nodeId}`,
        reason: 'an attack-tree node is not edited in place; remove it and add a new one',
      });
    }
  }
}

function changeCommands(
  collection: CollectionName,
  id: string,
  current: Entity,
  next: Entity,
  diff: PhaseDiff,
): void {
  const changed = changedFields(collection, current, next);
  if (changed.length === 0) return;
  const reject = (field: string, reason: string): void => {
    diff.rejections.push({ path: `${collection}.${id}.${field}`, reason });
  };
  const rest = (excluded: readonly string[]): string[] =>
    changed.filter((field) => !excluded.includes(field));
  switch (collection) {
    case 'zones':
      diff.commands.push({ type: 'ChangeZone', zoneId: id, ...pick(next, changed) } as Command);
      return;
    case 'elements': {
      if (changed.includes('kind')) {
        reject('kind', "an element's kind does not change; remove it and add a new one");
      }
      const fields = rest(['kind']);
      if (fields.length > 0) {
        diff.commands.push({
          type: 'ChangeElement',
          elementId: id,
          ...pick(next, fields),
        } as Command);
      }
      return;
    }
    case 'flows':
      diff.commands.push({ type: 'ChangeFlow', flowId: id, ...pick(next, changed) } as Command);
      return;
    case 'assets':
      diff.commands.push({ type: 'ChangeAsset', assetId: id, ...pick(next, changed) } as Command);
      return;
    case 'assumptions':
      reject('text', "an assumption's text does not change; withdraw it and record a new one");
      return;
    case 'scopeExclusions':
      for (const field of changed) reject(field, 'a scope exclusion, once recorded, stays');
      return;
    case 'threats': {
      for (const field of changed.filter((name) => name === 'ref' || name === 'sourceRef')) {
        reject(field, `a threat's ${field} ${EDITED_BY_SERVER}`);
      }
      const revised = changed.filter((field) =>
        ['title', 'description', 'stride', 'linddun', 'assetIds'].includes(field),
      );
      if (revised.length > 0) {
        diff.commands.push({
          type: 'ReviseThreat',
          threatId: id,
          ...pick(next, revised),
        } as Command);
      }
      if (changed.includes('target')) {
        diff.commands.push({
          type: 'RetargetThreat',
          threatId: id,
          target: next['target'],
        } as Command);
      }
      if (changed.includes('score')) {
        if (next['score'] === null || next['score'] === undefined) {
          reject('score', 'a score is not removed; score the threat again');
        } else {
          diff.commands.push(scoreCommand(id, next['score']));
        }
      }
      if (changed.includes('status')) {
        diff.commands.push({
          type: 'ChangeThreatStatus',
          threatId: id,
          status: next['status'],
        } as Command);
      }
      return;
    }
    case 'mitigations': {
      const revised = rest(['threatIds', 'status']);
      if (revised.length > 0) {
        diff.commands.push({
          type: 'ReviseMitigation',
          mitigationId: id,
          ...pick(next, revised),
        } as Command);
      }
      if (changed.includes('status')) {
        diff.commands.push({
          type: 'ChangeMitigationStatus',
          mitigationId: id,
          status: next['status'],
        } as Command);
      }
      if (changed.includes('threatIds')) {
        const before = (current['threatIds'] ?? []) as string[];
        const after = next['threatIds'];
        if (!Array.isArray(after)) {
          reject('threatIds', 'expected a list of threat ids');
          return;
        }
        for (const threatId of after) {
          if (!before.includes(threatId as string)) {
            diff.commands.push({ type: 'LinkMitigation', mitigationId: id, threatId } as Command);
          }
        }
        for (const threatId of before) {
          if (!after.includes(threatId)) {
            diff.commands.push({ type: 'UnlinkMitigation', mitigationId: id, threatId });
          }
        }
      }
      return;
    }
    case 'attackTrees':
      for (const field of rest(['nodes'])) {
        reject(field, `an attack tree's ${field} does not change`);
      }
      if (changed.includes('nodes')) attackTreeNodeChanges(id, current, next, diff);
      return;
  }
}

/** The ids of `collection` to compare: the scope's, or every id either side holds. */
function idsToCompare(
  current: Record<string, unknown>,
  next: Record<string, unknown>,
  only: ReadonlySet<string> | undefined,
): string[] {
  if (only !== undefined) return [...only];
  return [...new Set([...Object.keys(current), ...Object.keys(next)])];
}

/** Removals go in this order: what refers to others first, containers last. */
const removalOrder: readonly CollectionName[] = [
  'attackTrees',
  'mitigations',
  'threats',
  'scopeExclusions',
  'flows',
  'elements',
  'zones',
  'assets',
  'assumptions',
];

/**
 * The domain commands of one phase that turn `current` (the model as the
 * domain holds it) into `next` (the model the doc now holds), and the
 * changes no command expresses. With `scope`, only the named entities are
 * compared (the model's own fields and governed content always are).
 */
export function diffPhase(
  phase: Phase,
  current: CollabModel,
  next: CollabModel,
  scope?: WriteScope,
): PhaseDiff {
  const diff: PhaseDiff = { commands: [], rejections: [] };
  const collections = phase === 'remove' ? removalOrder : collectionNames;
  if (phase === 'change') {
    if (next.name !== current.name || next.description !== current.description) {
      diff.commands.push({
        type: 'RenameThreatModel',
        name: next.name,
        description: next.description,
      } as Command);
    }
    for (const key of governedKeys) {
      if (!sameJson(current.governed[key], next.governed[key])) {
        diff.rejections.push({ path: `governed.${key}`, reason: `${key} ${EDITED_BY_SERVER}` });
      }
    }
  }
  for (const collection of collections) {
    if (scope !== undefined && scope[collection] === undefined) continue;
    const before = current[collection] as unknown as Record<string, Entity>;
    const after = next[collection] as unknown as Record<string, Entity>;
    let ids = idsToCompare(before, after, scope?.[collection]);
    if (phase === 'add') {
      ids = ids.filter((id) => before[id] === undefined && after[id] !== undefined);
      if (collection === 'zones') ids = parentsFirst(ids, (id) => after[id]?.['parentZoneId']);
      for (const id of ids) diff.commands.push(...addCommands(collection, id, after[id]!));
    } else if (phase === 'remove') {
      ids = ids.filter((id) => before[id] !== undefined && after[id] === undefined);
      if (collection === 'zones') {
        // Children before their parents: reverse of parents-first.
        ids = parentsFirst(ids, (id) => before[id]?.['parentZoneId']).reverse();
      }
      for (const id of ids) {
        const removal = removeCommands(collection, id);
        if (Array.isArray(removal)) diff.commands.push(...removal);
        else diff.rejections.push(removal);
      }
    } else {
      for (const id of ids) {
        const left = before[id];
        const right = after[id];
        if (left !== undefined && right !== undefined) {
          changeCommands(collection, id, left, right, diff);
        }
      }
    }
  }
  return diff;
}
