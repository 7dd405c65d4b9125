// An outside party's check of a stream's evidence, written from docs/eventstore.md
// and RFC 9162/8785 alone: it imports nothing of the event store.
import { createHash, createPublicKey, verify } from 'node:crypto';
import canonicalize from 'canonicalize';

export interface Bundle {
  checkpoint: Record<string, unknown> & {
    signature: string;
    keyId: string;
    treeSize: number;
    rootHash: string;
    streamHeads: { treeSize: number; rootHash: string };
  };
  publicKeyPem: string;
  /** One stream's events in version order, as read (recordedAt as an ISO string). */
  events: {
    streamId: string;
    streamVersion: number;
    eventId: string;
    type: string;
    schemaVersion: number;
    data: unknown;
    metadata: unknown;
    recordedAt: string;
    previousHash: string;
    hash: string;
    position: number;
    transactionId: string;
  }[];
  inclusions: {
    leaf: Record<string, unknown> & { streamVersion: number; eventHash: string };
    leafIndex: number;
    treeSize: number;
    path: string[];
  }[];
  streamHead: {
    head: { key: string; streamVersion: number; eventHash: string };
    index: number;
    treeSize: number;
    path: string[];
  };
}

const sha256 = (...parts: (Buffer | string)[]) =>
  parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest();
const leafHash = (value: unknown) => sha256(Buffer.from([0]), canonicalize(value) as string);

/** RFC 9162 section 2.1.3.2: does `path` lead from leaf `index` to `root`? */
function isIncluded(leaf: Buffer, index: number, size: number, path: string[], root: string) {
  if (index >= size) return false;
  let [fn, sn, r] = [index, size - 1, leaf];
  for (const node of path.map((hex) => Buffer.from(hex, 'hex'))) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(Buffer.from([1]), node, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn / 2, Math.floor(sn / 2)];
    } else r = sha256(Buffer.from([1]), r, node);
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && r.toString('hex') === root;
}

/** Every reason not to believe the bundle; empty when it holds. */
export function verifyBundle(bundle: Bundle): string[] {
  const problems: string[] = [];
  const { checkpoint, events, inclusions, streamHead } = bundle;
  const key = createPublicKey(bundle.publicKeyPem);
  const rawKey = Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url');
  if (sha256(rawKey).toString('hex') !== checkpoint.keyId) problems.push('keyId is not this key');
  const { signature, ...body } = checkpoint;
  const signed = Buffer.from(canonicalize(body) as string, 'utf8');
  if (!verify(null, signed, key, Buffer.from(signature, 'base64')))
    problems.push('bad checkpoint signature');

  let previousHash = '0'.repeat(64);
  events.forEach((event, index) => {
    const { data, eventId, metadata, recordedAt, schemaVersion, streamId, type } = event;
    const hashed = { data, eventId, metadata, recordedAt, schemaVersion, streamId, type };
    const encoding = canonicalize({ ...hashed, streamVersion: event.streamVersion }) as string;
    if (event.streamVersion !== index)
      problems.push(`event ${index} has version ${event.streamVersion}`);
    if (event.previousHash !== previousHash) problems.push(`version ${index}: broken link`);
    if (sha256(previousHash + encoding).toString('hex') !== event.hash)
      problems.push(`version ${index}: hash does not match content`);
    previousHash = event.hash;
  });

  const streamId = events[0]?.streamId ?? '';
  const head = streamHead.head;
  const headLeaf = leafHash({
    eventHash: head.eventHash,
    key: head.key,
    streamVersion: head.streamVersion,
  });
  if (head.key !== sha256(`threatloom/stream/${streamId}`).toString('hex'))
    problems.push('stream head is of another stream');
  if (
    streamHead.treeSize !== checkpoint.streamHeads.treeSize ||
    !isIncluded(
      headLeaf,
      streamHead.index,
      streamHead.treeSize,
      streamHead.path,
      checkpoint.streamHeads.rootHash,
    )
  )
    problems.push('stream head proof fails');
  if (events[head.streamVersion]?.hash !== head.eventHash)
    problems.push(`sealed head version ${head.streamVersion} is not the event held`);

  for (let version = 0; version <= head.streamVersion; version += 1) {
    const event = events[version];
    const proof = inclusions.find((inclusion) => inclusion.leaf.streamVersion === version);
    if (event === undefined || proof === undefined) {
      problems.push(`sealed version ${version} is missing`);
      continue;
    }
    const { leaf } = proof;
    const same =
      leaf.eventHash === event.hash &&
      leaf.streamId === event.streamId &&
      leaf.position === event.position &&
      leaf.transactionId === event.transactionId &&
      String(leaf.recordedAt).slice(0, 23) === event.recordedAt.slice(0, 23);
    if (!same) problems.push(`version ${version}: leaf does not describe the event`);
    if (
      proof.treeSize !== checkpoint.treeSize ||
      !isIncluded(leafHash(leaf), proof.leafIndex, proof.treeSize, proof.path, checkpoint.rootHash)
    )
      problems.push(`version ${version}: inclusion proof fails`);
  }
  return problems;
}
