import { IllegalState, NotFound, Conflict } from '../errors.js';
import type { Element, Flow, Mitigation, ModelState, Threat, Zone } from './types.js';
import type { Target } from './vocabulary.js';

/** The zone with this id, or NotFound naming the command field. */
export function requireZone(state: ModelState, id: string, field: string): Zone {
  const zone = state.zones[id];
  if (!zone) throw new NotFound('zone', id, field);
  return zone;
}

/** The element with this id, or NotFound naming the command field. */
export function requireElement(state: ModelState, id: string, field: string): Element {
  const element = state.elements[id];
  if (!element) throw new NotFound('element', id, field);
  return element;
}

/** The flow with this id, or NotFound naming the command field. */
export function requireFlow(state: ModelState, id: string, field: string): Flow {
  const flow = state.flows[id];
  if (!flow) throw new NotFound('flow', id, field);
  return flow;
}

/** The threat with this id, or NotFound naming the command field. */
export function requireThreat(state: ModelState, id: string, field: string): Threat {
  const threat = state.threats[id];
  if (!threat) throw new NotFound('threat', id, field);
  return threat;
}

/** The mitigation with this id, or NotFound naming the command field. */
export function requireMitigation(state: ModelState, id: string, field: string): Mitigation {
  const mitigation = state.mitigations[id];
  if (!mitigation) throw new NotFound('mitigation', id, field);
  return mitigation;
}

/** Checks that a threat target (element or flow) exists. */
export function requireTarget(state: ModelState, target: Target, field: string): void {
  if (target.kind === 'element') requireElement(state, target.id, `${field}.id`);
  else requireFlow(state, target.id, `${field}.id`);
}

/** Refuses an id already used in the given collection (ids are never reused within a model). */
export function requireUnusedId(
  collection: Record<string, unknown>,
  id: string,
  entity: string,
  field: string,
): void {
  if (Object.hasOwn(collection, id)) throw new Conflict(field, `${entity} '${id}' already exists`);
}

/** Refuses an event that refers to something the state does not hold (evolve's guard). */
export function mustExist<T>(value: T | undefined, entity: string, id: string): T {
  if (value === undefined) {
    throw new IllegalState('event', `${entity} '${id}' does not exist in the state`);
  }
  return value;
}

/** Ids of threats targeting the given element or flow. */
export function threatsOn(state: ModelState, target: Target): Threat[] {
  return Object.values(state.threats).filter(
    (threat) => threat.target?.kind === target.kind && threat.target.id === target.id,
  );
}

/** Key of a "no threats" declaration in the state. */
export function noThreatsKey(targetKind: string, targetId: string): string {
  return `${targetKind}:${targetId}`;
}
