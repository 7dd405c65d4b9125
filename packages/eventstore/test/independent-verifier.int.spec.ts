import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/database/open-database.js';
import { EventStore } from '../src/event-store.js';
import { canonicalJson } from '../src/hashing/canonical-json.js';
import { publicKeyPem } from '../src/ledger/key-file.js';
import { proveStreams } from '../src/ledger/ledger-proofs.js';
import { sealLedger } from '../src/ledger/seal-ledger.js';
import { eventStoreMigrations } from '../src/migrations/event-store-migrations.js';
import { migrateToLatest } from '../src/migrations/migrate.js';
import { newEvents, newStreamId } from './events.js';
import { verifyBundle, type Bundle } from './independent-verifier/verify-proofs.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

describe('an independent verifier of evidence bundles', () => {
  let database: Database;
  let store: EventStore;
  let bundle: Bundle;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(database.db, eventStoreMigrations);
    store = new EventStore(database);
    const streamId = newStreamId();
    // Other streams around it, so its leaves and its head sit inside larger trees.
    await store.append(newStreamId(), newEvents(3), { expectedVersion: 'no_stream' });
    await store.append(streamId, newEvents(3), { expectedVersion: 'no_stream' });
    await store.append(newStreamId(), newEvents(2), { expectedVersion: 'no_stream' });
    await store.append(streamId, newEvents(2), { expectedVersion: 2 });
    await store.append(newStreamId(), newEvents(4), { expectedVersion: 'no_stream' });
    await sealLedger(database.db, { signingKey: privateKey });
    // Appended after the seal: only its chain vouches for it.
    await store.append(streamId, newEvents(1), { expectedVersion: 4 });
    const proofs = await proveStreams(database.db, [streamId]);
    const events = await store.readStream(streamId);
    // As an outside party receives it: JSON.
    bundle = JSON.parse(
      JSON.stringify({
        checkpoint: proofs.checkpoint,
        publicKeyPem: publicKeyPem(publicKey),
        events,
        inclusions: proofs.inclusions,
        streamHead: proofs.streamHeads[0],
      }),
    ) as Bundle;
  });

  afterAll(async () => {
    await store.close();
    await database.close();
  });

  const copy = (): Bundle => structuredClone(bundle);

  it('accepts the bundle the store builds', () => {
    expect(bundle.events).toHaveLength(6);
    expect(bundle.inclusions).toHaveLength(5);
    expect(bundle.streamHead.treeSize).toBe(4);
    expect(verifyBundle(bundle)).toEqual([]);
  });

  it('rejects an altered event', () => {
    const altered = copy();
    (altered.events[1] as Bundle['events'][number]).data = { index: 99 };
    expect(verifyBundle(altered)).toEqual(['version 1: hash does not match content']);
  });

  it('rejects a dropped event', () => {
    const dropped = copy();
    dropped.events.splice(2, 1);
    expect(verifyBundle(dropped)).toEqual(
      expect.arrayContaining([
        'event 2 has version 3',
        'version 2: broken link',
        'version 2: leaf does not describe the event',
      ]),
    );
  });

  it('rejects a reordered pair', () => {
    const reordered = copy();
    const [first, second] = reordered.events.splice(1, 2);
    reordered.events.splice(
      1,
      0,
      second as Bundle['events'][number],
      first as Bundle['events'][number],
    );
    const problems = verifyBundle(reordered);
    expect(problems).toContain('event 1 has version 2');
    expect(problems).toContain('version 1: broken link');
    expect(problems).toContain('version 1: leaf does not describe the event');
  });

  it('rejects a forged signature', () => {
    const forged = copy();
    const { signature: _signature, ...body } = forged.checkpoint;
    forged.checkpoint.signature = sign(
      null,
      Buffer.from(canonicalJson(body)),
      other.privateKey,
    ).toString('base64');
    expect(verifyBundle(forged)).toEqual(['bad checkpoint signature']);
    const otherKey = copy();
    otherKey.publicKeyPem = publicKeyPem(other.publicKey);
    expect(verifyBundle(otherKey)).toEqual(
      expect.arrayContaining(['keyId is not this key', 'bad checkpoint signature']),
    );
    const grown = copy();
    grown.checkpoint.treeSize += 1;
    expect(verifyBundle(grown)).toContain('bad checkpoint signature');
  });

  it('rejects a proof for another leaf', () => {
    const swapped = copy();
    const [first, second] = swapped.inclusions;
    if (first === undefined || second === undefined) throw new Error('two proofs expected');
    second.path = first.path;
    second.leafIndex = first.leafIndex;
    expect(verifyBundle(swapped)).toEqual(['version 1: inclusion proof fails']);
    const head = copy();
    head.streamHead.index = (head.streamHead.index + 1) % head.streamHead.treeSize;
    expect(verifyBundle(head)).toEqual(['stream head proof fails']);
  });
});
