import { randomUUID } from 'node:crypto';
import { ModelDoc } from '@threatloom/collab';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ApiClient } from '../../test/e2e/support/api-client.js';

/** Size of an element box on the diagram (the editor's default). */
const ELEMENT_WIDTH = 168;
const ELEMENT_HEIGHT = 64;
/** Room between two element boxes of a zone's grid. */
const ELEMENT_GAP = 56;
/** Room a zone leaves around its grid, and above it for its title. */
const ZONE_PADDING = 32;
const ZONE_TITLE = 26;
/** Room between two zones. */
const ZONE_GAP = 120;
/** Commands sent in one GraphQL request (aliased mutations run one after another). */
const COMMANDS_PER_REQUEST = 50;

/** How big a benchmark model is. */
export interface ModelShape {
  zones: number;
  elements: number;
  flows: number;
}

/** A benchmark model as created: its id, and an element to click and drag. */
export interface BenchModel {
  modelId: string;
  /** The element in the middle of the diagram, in view when the editor opens on the whole model. */
  target: { id: string; name: string };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface PlannedElement {
  id: string;
  kind: 'process' | 'data_store' | 'external_entity';
  name: string;
  zone: number;
  box: Box;
}

interface PlannedFlow {
  id: string;
  name: string;
  source: number;
  destination: number;
}

const kinds = ['process', 'data_store', 'external_entity'] as const;
const kindNames = { process: 'Process', data_store: 'Store', external_entity: 'Entity' } as const;
const trusts = ['trusted', 'restricted', 'partner', 'external', 'untrusted'] as const;

/**
 * Lays a model out as a readable grid: each zone holds its share of the
 * elements in rows, the zones themselves sit in rows of zones, and no two
 * boxes overlap. Flows link each element to the next (a chain through every
 * zone) and, for the rest, an element to the one below it.
 */
function plan(shape: ModelShape): {
  zones: Array<{ id: string; name: string; box: Box }>;
  elements: PlannedElement[];
  flows: PlannedFlow[];
} {
  const perZone = Math.ceil(shape.elements / shape.zones);
  const columns = Math.ceil(Math.sqrt(perZone));
  const rows = Math.ceil(perZone / columns);
  const zoneWidth = 2 * ZONE_PADDING + columns * ELEMENT_WIDTH + (columns - 1) * ELEMENT_GAP;
  const zoneHeight =
    2 * ZONE_PADDING + ZONE_TITLE + rows * ELEMENT_HEIGHT + (rows - 1) * ELEMENT_GAP;
  const zonesPerRow = Math.ceil(Math.sqrt(shape.zones));
  const zones = Array.from({ length: shape.zones }, (_, index) => ({
    id: randomUUID(),
    name: `Zone ${index + 1}`,
    box: {
      x: (index % zonesPerRow) * (zoneWidth + ZONE_GAP),
      y: Math.floor(index / zonesPerRow) * (zoneHeight + ZONE_GAP),
      width: zoneWidth,
      height: zoneHeight,
    },
  }));
  const elements = Array.from({ length: shape.elements }, (_, index): PlannedElement => {
    const zone = Math.floor(index / perZone);
    const slot = index % perZone;
    const origin = zones[zone]!.box;
    const kind = kinds[index % kinds.length]!;
    return {
      id: randomUUID(),
      kind,
      name: `${kindNames[kind]} ${index + 1}`,
      zone,
      box: {
        x: origin.x + ZONE_PADDING + (slot % columns) * (ELEMENT_WIDTH + ELEMENT_GAP),
        y:
          origin.y +
          ZONE_PADDING +
          ZONE_TITLE +
          Math.floor(slot / columns) * (ELEMENT_HEIGHT + ELEMENT_GAP),
        width: ELEMENT_WIDTH,
        height: ELEMENT_HEIGHT,
      },
    };
  });
  const flows: PlannedFlow[] = [];
  const chain = Math.min(shape.flows, shape.elements);
  for (let index = 0; index < chain; index += 1) {
    flows.push({
      id: randomUUID(),
      name: `Flow ${flows.length + 1}`,
      source: index,
      destination: (index + 1) % shape.elements,
    });
  }
  const extra = shape.flows - chain;
  const step = Math.max(1, Math.floor(shape.elements / Math.max(1, extra)));
  for (let index = 0; index < extra; index += 1) {
    const source = (index * step) % shape.elements;
    flows.push({
      id: randomUUID(),
      name: `Flow ${flows.length + 1}`,
      source,
      destination: (source + columns) % shape.elements,
    });
  }
  return { zones, elements, flows };
}

interface Command {
  mutation: 'addZone' | 'addElement' | 'addFlow';
  inputType: string;
  input: Record<string, unknown>;
}

/**
 * Runs the commands in order, a batch of aliased mutations per request; each
 * runs against the version the one before it left (one event per command).
 */
async function runCommands(
  api: ApiClient,
  organisationId: string,
  modelId: string,
  firstVersion: number,
  commands: readonly Command[],
): Promise<void> {
  let version = firstVersion;
  for (let start = 0; start < commands.length; start += COMMANDS_PER_REQUEST) {
    const batch = commands.slice(start, start + COMMANDS_PER_REQUEST);
    const variables: Record<string, unknown> = { modelId };
    const fields = batch.map((command, index) => {
      variables[`input${index}`] = command.input;
      return `c${index}: ${command.mutation}(modelId: $modelId, expectedVersion: ${version + index}, input: $input${index}) { streamVersion }`;
    });
    const declarations = batch.map((command, index) => `$input${index}: ${command.inputType}!`);
    const answer = await api.request<Record<string, { streamVersion: number }>>(
      `mutation ($modelId: ID!, ${declarations.join(', ')}) { ${fields.join(' ')} }`,
      variables,
      organisationId,
    );
    const last = answer[`c${batch.length - 1}`]?.streamVersion;
    if (last !== version + batch.length) {
      throw new Error(`expected version ${version + batch.length} after a batch, got ${last}`);
    }
    version = last;
  }
}

/** A y-websocket client of the co-editing endpoint, as any other client connects. */
function openDoc(baseUrl: string, modelId: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, modelId, doc, {
    WebSocketPolyfill: WebSocket as never,
    params: { token },
    disableBc: true,
  });
  return { doc, provider, model: new ModelDoc(doc) };
}

/** Whether the server's presence state says everything `doc` wrote is stored. */
function isPersisted(doc: Y.Doc, provider: WebsocketProvider): boolean {
  for (const state of provider.awareness.getStates().values()) {
    const persisted = (state as { threatloom?: { persisted?: unknown } }).threatloom?.persisted;
    if (typeof persisted !== 'string') continue;
    const saved = Y.decodeStateVector(new Uint8Array(Buffer.from(persisted, 'base64')));
    const own = Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
    return (saved.get(doc.clientID) ?? 0) >= own;
  }
  return false;
}

async function until(condition: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Creates a model of `shape` in `systemId` through GraphQL (zones, elements
 * and flows as domain commands), then stores every position in its doc as a
 * co-editing client does, and waits until the server says they are saved.
 */
export async function createBenchModel(options: {
  api: ApiClient;
  baseUrl: string;
  organisationId: string;
  systemId: string;
  /** An API token of the same user, for the co-editing connection. */
  token: string;
  name: string;
  shape: ModelShape;
}): Promise<BenchModel> {
  const { api, organisationId, shape } = options;
  const planned = plan(shape);
  const created = await api.request<{
    createThreatModel: { modelId: string; streamVersion: number };
  }>(
    'mutation ($input: CreateThreatModelInput!) { createThreatModel(input: $input) { modelId streamVersion } }',
    { input: { name: options.name, systemId: options.systemId } },
    organisationId,
  );
  const { modelId, streamVersion } = created.createThreatModel;
  const commands: Command[] = [
    ...planned.zones.map((zone, index): Command => ({
      mutation: 'addZone',
      inputType: 'AddZoneInput',
      input: { zoneId: zone.id, name: zone.name, trust: trusts[index % trusts.length] },
    })),
    ...planned.elements.map((element): Command => ({
      mutation: 'addElement',
      inputType: 'AddElementInput',
      input: {
        elementId: element.id,
        kind: element.kind,
        name: element.name,
        zoneId: planned.zones[element.zone]!.id,
      },
    })),
    ...planned.flows.map((flow): Command => ({
      mutation: 'addFlow',
      inputType: 'AddFlowInput',
      input: {
        flowId: flow.id,
        name: flow.name,
        sourceId: planned.elements[flow.source]!.id,
        destinationId: planned.elements[flow.destination]!.id,
        protocol: 'HTTPS',
      },
    })),
  ];
  await runCommands(api, organisationId, modelId, streamVersion, commands);

  const client = openDoc(options.baseUrl, modelId, options.token);
  try {
    await until(
      () =>
        client.provider.synced &&
        client.model.ids('elements').length === shape.elements &&
        client.model.ids('flows').length === shape.flows,
      `the doc of ${options.name} holding every element and flow`,
    );
    client.doc.transact(() => {
      for (const zone of planned.zones) client.model.setZoneLayout(zone.id, zone.box);
      for (const element of planned.elements)
        client.model.setElementLayout(element.id, element.box);
    });
    await until(
      () => isPersisted(client.doc, client.provider),
      `the server saving the layout of ${options.name}`,
    );
  } finally {
    client.provider.destroy();
    client.doc.destroy();
  }

  // The element nearest the middle of the whole diagram.
  const right = Math.max(...planned.zones.map((zone) => zone.box.x + zone.box.width));
  const bottom = Math.max(...planned.zones.map((zone) => zone.box.y + zone.box.height));
  const distance = (box: Box) =>
    Math.hypot(box.x + box.width / 2 - right / 2, box.y + box.height / 2 - bottom / 2);
  const middle = planned.elements.reduce((best, element) =>
    distance(element.box) < distance(best.box) ? element : best,
  );
  return { modelId, target: { id: middle.id, name: middle.name } };
}
