import { readFileSync } from 'node:fs';
import { contentOf, loadGenomeWell } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyReadOnlyUpdate,
  collabModelOf,
  contentOfCollabModel,
  modelFromDoc,
  ModelDoc,
  sameJson,
  writeModelToDoc,
  SERVER_ORIGIN,
} from '../src/index.js';
import { Authority, Client, contextOf, owner } from './support/authority.js';

const genomeWell: unknown = JSON.parse(
  readFileSync(new URL('../../../apps/api/src/demo/genomewell.json', import.meta.url), 'utf8'),
);
const riskOwner = contextOf('risk-owner', 'org-agency', ['risk_owner']);
const vendor = contextOf('vendor', 'org-vendor', ['editor']);
const agency = contextOf('agency', 'org-agency', ['editor']);

function expectSameModel(left: unknown, right: unknown): void {
  if (!sameJson(left, right)) expect(left).toEqual(right);
}

/** An authority with a zone and an element, and two editors of two organisations. */
function workspace(): { authority: Authority; a: Client; b: Client } {
  const authority = new Authority();
  authority.command(
    { type: 'AddZone', zoneId: 'z1', name: 'Research enclave', trust: 'restricted' },
    owner,
  );
  authority.command(
    { type: 'AddElement', elementId: 'api', kind: 'process', name: 'API', zoneId: 'z1' },
    owner,
  );
  return { authority, a: new Client(agency, authority), b: new Client(vendor, authority) };
}

describe('the doc of a model', () => {
  it('holds every semantic field of GenomeWell, read back exactly', () => {
    const loaded = loadGenomeWell(genomeWell, riskOwner);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const doc = new Y.Doc();
    writeModelToDoc(doc, collabModelOf(loaded.state), SERVER_ORIGIN);
    expectSameModel(modelFromDoc(doc), collabModelOf(loaded.state));
    // Through the wire format too: a client that syncs reads the same model.
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    expectSameModel(modelFromDoc(client), collabModelOf(loaded.state));
    expect(Object.keys(loaded.state.threats).length).toBeGreaterThan(40);
  });

  it('stands for the same domain content as the state it mirrors', () => {
    const loaded = loadGenomeWell(genomeWell, riskOwner);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const doc = new Y.Doc();
    writeModelToDoc(doc, collabModelOf(loaded.state), SERVER_ORIGIN);
    const fromDoc = contentOfCollabModel(modelFromDoc(doc));
    expect(JSON.parse(JSON.stringify(fromDoc))).toEqual(
      JSON.parse(JSON.stringify(contentOf(loaded.state))),
    );
  });

  it("gives a client's fresh threat the initial values the server fills in, for the domain's reads", () => {
    const { a } = workspace();
    new ModelDoc(a.doc).add('threats', 'fresh', {
      title: 'Token replay',
      description: '',
      stride: 'spoofing',
      linddun: null,
      target: { kind: 'element', id: 'api' },
      assetIds: [],
    });
    expect(contentOfCollabModel(modelFromDoc(a.doc)).threats['fresh']).toMatchObject({
      ref: 0,
      status: 'open',
      score: null,
      sourceRef: null,
    });
  });

  it('reads only the entities a scope names, with the model fields and governed content', () => {
    const loaded = loadGenomeWell(genomeWell, riskOwner);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const doc = new Y.Doc();
    writeModelToDoc(doc, collabModelOf(loaded.state), SERVER_ORIGIN);
    const [element, other] = Object.keys(loaded.state.elements);
    const threat = Object.keys(loaded.state.threats)[0]!;
    const scoped = modelFromDoc(doc, {
      elements: new Set([element!, 'no-such-element']),
      threats: new Set([threat]),
    });
    const whole = collabModelOf(loaded.state);
    expect(Object.keys(scoped.elements)).toEqual([element]);
    expectSameModel(scoped.elements[element!], whole.elements[element!]);
    expect(scoped.elements[other!]).toBeUndefined();
    expectSameModel(scoped.threats, { [threat]: whole.threats[threat] });
    expect(scoped.zones).toEqual({});
    expect(scoped.name).toBe(whole.name);
    expectSameModel(scoped.governed, whole.governed);
  });

  it('writes nothing when the doc already holds the model', () => {
    const loaded = loadGenomeWell(genomeWell, riskOwner);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const doc = new Y.Doc();
    writeModelToDoc(doc, collabModelOf(loaded.state), SERVER_ORIGIN);
    let updates = 0;
    doc.on('update', () => (updates += 1));
    writeModelToDoc(doc, collabModelOf(loaded.state), SERVER_ORIGIN);
    expect(updates).toBe(0);
  });
});

describe('a client edit', () => {
  it('becomes the domain events of its author, and the server fills in what the domain decides', () => {
    const { authority, a } = workspace();
    const edit = new ModelDoc(a.doc);
    edit.add('threats', 't1', {
      title: 'Token replay',
      description: 'A stolen token is replayed',
      stride: 'spoofing',
      linddun: null,
      target: { kind: 'element', id: 'api' },
      assetIds: [],
    });
    const [outcome] = a.sync(authority);
    expect(outcome?.refused).toEqual([]);
    expect(outcome?.events.map((event) => event.type)).toEqual(['ThreatIdentified']);
    // The ref and the status come from the domain, written back by the server.
    expect(new ModelDoc(a.doc).get('threats', 't1')).toMatchObject({ ref: 1, status: 'open' });
    expectSameModel(modelFromDoc(a.doc), collabModelOf(authority.state));
  });

  it('merges two organisations typing in one description, and records each as its author', () => {
    const { authority, a, b } = workspace();
    a.receive(authority);
    b.receive(authority);
    const textA = new ModelDoc(a.doc).text('elements', 'api', 'description');
    const textB = new ModelDoc(b.doc).text('elements', 'api', 'description');
    textA?.insert(0, 'Serves researchers.');
    textB?.insert(0, 'Runs in the enclave.');
    const fromA = a.sync(authority);
    const fromB = b.sync(authority);
    a.receive(authority);
    const description = authority.state.elements['api']?.description ?? '';
    expect(description).toContain('Serves researchers.');
    expect(description).toContain('Runs in the enclave.');
    expect(new ModelDoc(a.doc).text('elements', 'api', 'description')?.toString()).toBe(
      description,
    );
    expect(fromA[0]?.events.map((event) => event.type)).toEqual(['ElementChanged']);
    expect(fromB[0]?.events.map((event) => event.type)).toEqual(['ElementChanged']);
  });

  it('that the domain refuses is undone in the doc, and the author converges', () => {
    const { authority, a, b } = workspace();
    // A flow to an element that does not exist.
    new ModelDoc(a.doc).add('flows', 'f1', {
      name: 'upload',
      sourceId: 'api',
      destinationId: 'missing',
      bidirectional: false,
      data: '',
      protocol: 'https',
    });
    const [outcome] = a.sync(authority);
    expect(outcome?.events).toEqual([]);
    expect(outcome?.refused).toHaveLength(1);
    expect(outcome?.refused[0]?.error.message).toMatch(/missing/);
    expect(outcome?.serverUpdate).not.toBeNull();
    expect(new ModelDoc(a.doc).get('flows', 'f1')).toBeUndefined();
    // The author's next edit still applies: nothing of theirs was dropped.
    new ModelDoc(a.doc).update('elements', 'api', { name: 'Gateway' });
    const [next] = a.sync(authority);
    expect(next?.events.map((event) => event.type)).toEqual(['ElementChanged']);
    b.receive(authority);
    expectSameModel(modelFromDoc(b.doc), collabModelOf(authority.state));
    expectSameModel(modelFromDoc(a.doc), collabModelOf(authority.state));
  });

  it('to governed content or to a fixed field is reverted and named', () => {
    const { authority, a } = workspace();
    const edit = new ModelDoc(a.doc);
    a.doc.transact(() => {
      a.doc.getMap('governed').set('isFrozen', true);
      edit.update('elements', 'api', { kind: 'data_store' });
    });
    const [outcome] = a.sync(authority);
    expect(outcome?.rejections.map((rejection) => rejection.path).sort()).toEqual([
      'elements.api.kind',
      'governed.isFrozen',
    ]);
    expect(new ModelDoc(a.doc).governed().isFrozen).toBe(false);
    expect(new ModelDoc(a.doc).get('elements', 'api')?.kind).toBe('process');
  });

  it('by a viewer changes nothing, and the viewer converges back', () => {
    const { authority } = workspace();
    const viewer = new Client(contextOf('viewer', 'org-regulator', ['viewer']), authority);
    new ModelDoc(viewer.doc).update('elements', 'api', { name: 'Hijacked' });
    const [outcome] = viewer.sync(authority);
    expect(outcome?.events).toEqual([]);
    expect(outcome?.refused[0]?.error.code).toBe('FORBIDDEN');
    expect(authority.state.elements['api']?.name).toBe('API');
    expect(new ModelDoc(viewer.doc).get('elements', 'api')?.name).toBe('API');
  });

  it('of layout alone produces no domain event', () => {
    const { authority, a } = workspace();
    new ModelDoc(a.doc).setElementLayout('api', { x: 120, y: 80, width: 160, height: 60 });
    const [outcome] = a.sync(authority);
    expect(outcome?.events).toEqual([]);
    expect(outcome?.serverUpdate).toBeNull();
    expect(new ModelDoc(authority.doc).elementLayout('api')).toEqual({
      x: 120,
      y: 80,
      width: 160,
      height: 60,
    });
  });

  it('of a zone box produces no domain event, and a box of no zone is dropped', () => {
    const { authority, a } = workspace();
    const edit = new ModelDoc(a.doc);
    const zoneId = Object.keys(authority.state.zones)[0]!;
    a.doc.transact(() => {
      edit.setZoneLayout(zoneId, { x: 10, y: 20, width: 400, height: 300 });
      edit.setZoneLayout('no-such-zone', { x: 0, y: 0, width: 10, height: 10 });
    });
    const [outcome] = a.sync(authority);
    expect(outcome?.events).toEqual([]);
    expect(new ModelDoc(authority.doc).zoneLayout(zoneId)).toEqual({
      x: 10,
      y: 20,
      width: 400,
      height: 300,
    });
    expect(new ModelDoc(authority.doc).zoneLayout('no-such-zone')).toBeNull();
    expect(new ModelDoc(a.doc).zoneLayout('no-such-zone')).toBeNull();
  });

  it('of malformed layout is dropped by the server', () => {
    const { authority, a } = workspace();
    a.doc.getMap('elementLayout').set('api', { x: 'left', y: 1 });
    a.sync(authority);
    expect(new ModelDoc(a.doc).elementLayout('api')).toBeNull();
    expect(a.doc.getMap('elementLayout').has('api')).toBe(false);
  });
});

describe('a command decided outside the doc', () => {
  it('shows in every open doc', () => {
    const { authority, a, b } = workspace();
    authority.command({ type: 'RenameThreatModel', name: 'Trusted research environment' }, owner);
    a.receive(authority);
    b.receive(authority);
    expect(new ModelDoc(a.doc).meta().name).toBe('Trusted research environment');
    expectSameModel(modelFromDoc(b.doc), collabModelOf(authority.state));
  });
});

describe('an update from a client that may only read', () => {
  it('is undone whole, layout included, and its content never reaches another client', () => {
    const { authority, b } = workspace();
    const viewer = new Client(contextOf('viewer', 'org-regulator', ['viewer']), authority);
    const edit = new ModelDoc(viewer.doc);
    viewer.doc.transact(() => {
      edit.update('elements', 'api', { name: 'Hijacked-by-viewer' });
      edit.setElementLayout('api', { x: 999, y: 999 });
      edit.text('elements', 'api', 'description')?.insert(0, 'secret-note-of-viewer');
    });
    const before = Y.encodeStateVector(authority.doc);
    const modelBefore = modelFromDoc(authority.doc);
    const [update] = viewer.outbox.splice(0);
    const outcome = applyReadOnlyUpdate(
      authority.doc,
      authority.state,
      update!,
      viewer.context,
      'viewer',
    );
    expect(outcome.events).toEqual([]);
    expect(outcome.serverUpdate).not.toBeNull();
    expectSameModel(modelFromDoc(authority.doc), modelBefore);
    expect(new ModelDoc(authority.doc).elementLayout('api')).toBeNull();
    // What the other clients are sent: the viewer's structs, emptied, and the undo.
    const broadcast = Y.encodeStateAsUpdate(authority.doc, before);
    const text = Buffer.from(broadcast).toString('latin1');
    expect(text).not.toContain('Hijacked-by-viewer');
    expect(text).not.toContain('secret-note-of-viewer');
    Y.applyUpdate(b.doc, broadcast, 'remote');
    viewer.receive(authority);
    expectSameModel(modelFromDoc(b.doc), collabModelOf(authority.state));
    expectSameModel(modelFromDoc(viewer.doc), collabModelOf(authority.state));
    expect(new ModelDoc(viewer.doc).elementLayout('api')).toBeNull();
  });
});
