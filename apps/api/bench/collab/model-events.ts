import { execute, initialState, type CommandContext, type DomainEvent } from '@threatloom/domain';
import type { EventStore } from '@threatloom/eventstore';

/** The zone every benchmark element sits in. */
export const BENCH_ZONE_ID = 'core';

/** Id of the benchmark model's element number `index`. */
export function elementId(index: number): string {
  return `element-${index}`;
}

/**
 * The events of a model with one zone and `elements` elements (`element-0`
 * ...), then element renames cycling over them until the stream holds
 * `totalEvents` events (when given): a long history over a small state.
 * Produced by the domain's own decide, so the model is valid. `header`: how
 * many events create the model and its zone (the rest add and rename elements).
 */
export function elementModelEvents(
  modelId: string,
  systemId: string,
  options: { elements: number; totalEvents?: number },
  context: CommandContext,
): { events: DomainEvent[]; header: number } {
  let state = initialState();
  const events: DomainEvent[] = [];
  const run = (command: unknown) => {
    const result = execute(command, state, context);
    if (!result.ok) throw new Error(`benchmark model command refused: ${result.error.message}`);
    state = result.state;
    events.push(...result.events);
  };
  run({
    type: 'CreateThreatModel',
    modelId,
    systemId,
    name: `Co-editing benchmark (${options.elements} elements)`,
  });
  run({ type: 'AddZone', zoneId: BENCH_ZONE_ID, name: 'Core', trust: 'trusted' });
  const header = events.length;
  for (let index = 0; index < options.elements; index += 1) {
    run({
      type: 'AddElement',
      elementId: elementId(index),
      kind: index % 5 === 0 ? 'data_store' : 'process',
      name: `Element ${index}`,
      technology: 'Node.js',
      zoneId: BENCH_ZONE_ID,
    });
  }
  const total = options.totalEvents ?? events.length;
  for (let revision = 1; events.length < total; revision += 1) {
    const index = revision % options.elements;
    run({
      type: 'ChangeElement',
      elementId: elementId(index),
      name: `Element ${index} (revision ${revision})`,
    });
  }
  if (events.length !== total) {
    throw new Error(`benchmark model has ${events.length} events, not ${total}`);
  }
  return { events, header };
}

/**
 * Appends events to a model's stream in batches, as one organisation's
 * actor; `version` is the stream's version before them (-1: a new stream).
 * Returns the stream's version after them.
 */
export async function appendModel(
  store: EventStore,
  modelId: string,
  events: readonly DomainEvent[],
  organisationId: string,
  version = -1,
  batchSize = 1000,
): Promise<number> {
  for (let start = 0; start < events.length; start += batchSize) {
    const stored = await store.append(
      `model-${modelId}`,
      events.slice(start, start + batchSize).map((event) => ({
        ...event,
        metadata: { actor: 'benchmark', organisation: organisationId },
      })),
      { expectedVersion: version < 0 ? 'no_stream' : version },
    );
    version = stored.at(-1)?.streamVersion ?? version;
  }
  return version;
}
