import { expect } from 'vitest';
import type { ApiServer, GraphQLAnswer } from './api-server.js';
import type { ModelOwner } from './model-owner.js';

/** What a typed model mutation answers: the new stream version and the event types appended. */
export interface Outcome {
  streamVersion: number;
  events: { type: string }[];
}

/** The typed mutation `name`, taking `<Name>Input`, answering the new stream version and event types. */
export function typedMutation(name: string): string {
  const inputType = `${name[0]?.toUpperCase() ?? ''}${name.slice(1)}Input`;
  return `mutation ($modelId: ID!, $expectedVersion: Int!, $input: ${inputType}!) {
    ${name}(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) {
      streamVersion events { type }
    }
  }`;
}

/**
 * Drives one model through its typed mutations over HTTP as its owner, and
 * reads it back. `context` is read at each call, so a spec can hand it the
 * server, owner and model its beforeAll creates.
 */
export function typedModelClient(
  context: () => { server: ApiServer; owner: ModelOwner; modelId: string },
) {
  /** The model's stream version as stored (-1 before it exists). */
  async function streamVersion(): Promise<number> {
    const { server, modelId } = context();
    const events = await server.database.eventStore.readStream(`model-${modelId}`);
    return events.at(-1)?.streamVersion ?? -1;
  }

  /** Sends the typed mutation at the model's current version (or the one given). */
  async function send(
    name: string,
    input: Record<string, unknown>,
    expectedVersion?: number,
  ): Promise<GraphQLAnswer<Record<string, Outcome>>> {
    const { owner, modelId } = context();
    return owner.graphql<Record<string, Outcome>>(typedMutation(name), {
      modelId,
      expectedVersion: expectedVersion ?? (await streamVersion()),
      input,
    });
  }

  /** Sends the typed mutation and expects it to append exactly `eventTypes`. */
  async function accepted(
    name: string,
    input: Record<string, unknown>,
    eventTypes: string[],
  ): Promise<void> {
    const before = await streamVersion();
    const answer = await send(name, input, before);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.[name]).toEqual({
      streamVersion: before + eventTypes.length,
      events: eventTypes.map((type) => ({ type })),
    });
  }

  /** Sends the typed mutation and expects VALIDATION on `field` with nothing appended. */
  async function refused(name: string, input: Record<string, unknown>, field: string) {
    const before = await streamVersion();
    const answer = await send(name, input, before);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', field });
    expect(await streamVersion()).toBe(before);
  }

  /** One list under `model(id)`, as nodes. */
  async function listed<Node>(field: string, selection: string, args = ''): Promise<Node[]> {
    const { owner, modelId } = context();
    const answer = await owner.graphql<{
      model: Record<string, { edges: { node: Node }[] }>;
    }>(`query ($id: ID!) { model(id: $id) { ${field}${args} { edges { node ${selection} } } } }`, {
      id: modelId,
    });
    expect(answer.errors).toBeUndefined();
    return answer.data?.model[field]?.edges.map((edge) => edge.node) ?? [];
  }

  return { streamVersion, send, accepted, refused, listed };
}
