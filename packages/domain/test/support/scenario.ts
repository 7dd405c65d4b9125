import { expect } from 'vitest';
import {
  decide,
  replay,
  initialState,
  type Command,
  type CommandContext,
  type DecideResult,
  type DomainErrorCode,
  type DomainEvent,
  type ModelState,
  type Role,
} from '../../src/index.js';

/** A command context for an actor with the given roles, at a fixed time. */
export function actingAs(
  roles: Role[],
  userId = `user-${roles.join('-') || 'none'}`,
): CommandContext {
  return {
    actor: { userId, organisationId: 'org-genomewell', roles },
    now: '2026-03-02T09:00:00.000Z',
  };
}

export const editor = actingAs(['editor'], 'user-editor');
export const riskOwner = actingAs(['risk_owner'], 'user-risk-owner');

/** Runs commands as `context` and returns the events they produced; fails the test if one is refused. */
export function eventsOf(
  commands: Command[],
  context: CommandContext = editor,
  from = initialState(),
): DomainEvent[] {
  let state = from;
  const events: DomainEvent[] = [];
  for (const command of commands) {
    const result = decide(command, state, context);
    if (!result.ok)
      throw new Error(`setup command ${command.type} refused: ${result.error.message}`);
    events.push(...result.events);
    state = replay(result.events, state);
  }
  return events;
}

/** The history of a small model: internet user -> API (core) -> database, one threat on the API. */
export function smallModelHistory(): DomainEvent[] {
  return eventsOf([
    { type: 'CreateThreatModel', modelId: 'model-1', systemId: 'system-1', name: 'Shop' },
    { type: 'AddZone', zoneId: 'zone-internet', name: 'Internet', trust: 'untrusted' },
    { type: 'AddZone', zoneId: 'zone-core', name: 'Core', trust: 'trusted' },
    {
      type: 'AddElement',
      elementId: 'user',
      kind: 'external_entity',
      name: 'User',
      zoneId: 'zone-internet',
    },
    { type: 'AddElement', elementId: 'api', kind: 'process', name: 'API', zoneId: 'zone-core' },
    {
      type: 'AddElement',
      elementId: 'db',
      kind: 'data_store',
      name: 'Database',
      zoneId: 'zone-core',
    },
    {
      type: 'AddFlow',
      flowId: 'user-api',
      name: 'User - API',
      sourceId: 'user',
      destinationId: 'api',
    },
    {
      type: 'AddFlow',
      flowId: 'api-db',
      name: 'API - Database',
      sourceId: 'api',
      destinationId: 'db',
    },
    { type: 'AddAsset', assetId: 'orders', name: 'Orders', sensitivity: 'high' },
    {
      type: 'IdentifyThreat',
      threatId: 'threat-1',
      ref: 1,
      title: 'Injected SQL reads other customers orders',
      stride: 'information_disclosure',
      target: { kind: 'element', id: 'api' },
      assetIds: ['orders'],
    },
  ]);
}

/** Given a history, the state a command is decided against. */
export function given(...histories: DomainEvent[][]): ModelState {
  return replay(histories.flat());
}

/** Asserts a refusal with the given code and field, and returns the error for further checks. */
export function expectRefusal(result: DecideResult, code: DomainErrorCode, field?: string) {
  expect(
    result.ok,
    result.ok ? `expected ${code}, got events ${JSON.stringify(result.events)}` : '',
  ).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code).toBe(code);
  if (field !== undefined)
    expect((result.error as unknown as { field?: string }).field).toBe(field);
  return result.error;
}

/** Asserts success and returns the events. */
export function expectEvents(result: DecideResult): DomainEvent[] {
  if (!result.ok)
    throw new Error(`expected events, got ${result.error.code}: ${result.error.message}`);
  return result.events;
}
