import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0, section 2.1):
 * SHA-256, leaves hashed as `H(0x00 || data)`, interior nodes as
 * `H(0x01 || left || right)`, the split at the largest power of two below the
 * size. Hashes are 32-byte Buffers here and lower-case hex outside.
 */

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

/** `H(0x00 || data)`. */
export function merkleLeafHash(data: Uint8Array | string): Buffer {
  return createHash('sha256')
    .update(LEAF_PREFIX)
    .update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    .digest();
}

/** `H(0x01 || left || right)`. */
export function merkleNodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The hash of the empty tree: SHA-256 of nothing. */
export const EMPTY_TREE_HASH = createHash('sha256').digest();

/** The largest power of two strictly below `size` (size >= 2). */
function splitPoint(size: number): number {
  let split = 1;
  while (split * 2 < size) split *= 2;
  return split;
}

/** The Merkle tree hash of `leaves[start, end)`, given leaf hashes. */
export function merkleRoot(leaves: readonly Uint8Array[], start = 0, end = leaves.length): Buffer {
  const size = end - start;
  if (size === 0) return EMPTY_TREE_HASH;
  if (size === 1) return Buffer.from(leaves[start] as Uint8Array);
  const split = start + splitPoint(size);
  return merkleNodeHash(merkleRoot(leaves, start, split), merkleRoot(leaves, split, end));
}

/** The audit path of leaf `index` in the tree of `leaves` (RFC 9162 2.1.3.1). */
export function inclusionProof(leaves: readonly Uint8Array[], index: number): Buffer[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= leaves.length) {
    throw new RangeError(`leaf index ${index} is outside a tree of ${leaves.length}`);
  }
  const path: Buffer[] = [];
  const walk = (target: number, start: number, end: number): void => {
    if (end - start <= 1) return;
    const split = start + splitPoint(end - start);
    if (target < split) {
      walk(target, start, split);
      path.push(merkleRoot(leaves, split, end));
    } else {
      walk(target, split, end);
      path.push(merkleRoot(leaves, start, split));
    }
  };
  walk(index, 0, leaves.length);
  return path;
}

/**
 * The consistency proof between the tree of the first `oldSize` leaves and the
 * tree of all `leaves` (RFC 9162 2.1.4.1): it shows the larger tree only
 * appended to the smaller one.
 */
export function consistencyProof(leaves: readonly Uint8Array[], oldSize: number): Buffer[] {
  if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > leaves.length) {
    throw new RangeError(`size ${oldSize} is not a prefix of a tree of ${leaves.length}`);
  }
  const proof: Buffer[] = [];
  if (oldSize === 0 || oldSize === leaves.length) return proof;
  const walk = (size: number, start: number, end: number, isWholeOldTree: boolean): void => {
    if (end - start === size) {
      if (!isWholeOldTree) proof.push(merkleRoot(leaves, start, end));
      return;
    }
    const split = splitPoint(end - start);
    if (size <= split) {
      walk(size, start, start + split, isWholeOldTree);
      proof.push(merkleRoot(leaves, start + split, end));
    } else {
      walk(size - split, start + split, end, false);
      proof.push(merkleRoot(leaves, start, start + split));
    }
  };
  walk(oldSize, 0, leaves.length, true);
  return proof;
}

const isOdd = (value: bigint): boolean => (value & 1n) === 1n;

/** Checks an audit path (RFC 9162 2.1.3.2). */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!(index >= 0 && index < treeSize)) return false;
  let fn = BigInt(index);
  let sn = BigInt(treeSize - 1);
  let hash: Buffer = Buffer.from(leafHash);
  for (const sibling of proof) {
    if (sn === 0n) return false;
    if (isOdd(fn) || fn === sn) {
      hash = merkleNodeHash(sibling, hash);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      hash = merkleNodeHash(hash, sibling);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && hash.equals(root);
}

/** Checks a consistency proof (RFC 9162 2.1.4.2). */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!(oldSize >= 0 && oldSize <= newSize)) return false;
  if (oldSize === newSize) return proof.length === 0 && Buffer.from(oldRoot).equals(newRoot);
  if (oldSize === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = (oldSize & (oldSize - 1)) === 0 ? [oldRoot, ...proof] : [...proof];
  let fn = BigInt(oldSize - 1);
  let sn = BigInt(newSize - 1);
  while (isOdd(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Buffer = Buffer.from(path[0] as Uint8Array);
  let sr: Buffer = Buffer.from(path[0] as Uint8Array);
  for (const node of path.slice(1)) {
    if (sn === 0n) return false;
    if (isOdd(fn) || fn === sn) {
      fr = merkleNodeHash(node, fr);
      sr = merkleNodeHash(node, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = merkleNodeHash(sr, node);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && fr.equals(oldRoot) && sr.equals(newRoot);
}

/**
 * The right edge of a tree: the roots of its perfect subtrees, largest first,
 * one per set bit of its size. Enough to append leaves and take the root
 * without the leaves before them, which is how a seal extends the last one.
 */
export class MerkleFrontier {
  private constructor(
    private size: number,
    private readonly nodes: Buffer[],
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /** Rebuilds a frontier from its stored form; throws when the node count does not fit the size. */
  static restore(size: number, nodes: readonly string[]): MerkleFrontier {
    let bits = 0;
    for (let rest = size; rest > 0; rest = Math.floor(rest / 2)) bits += rest % 2;
    if (!Number.isSafeInteger(size) || size < 0 || nodes.length !== bits) {
      throw new RangeError(`a frontier of size ${size} has ${bits} nodes, not ${nodes.length}`);
    }
    return new MerkleFrontier(
      size,
      nodes.map((node) => Buffer.from(node, 'hex')),
    );
  }

  /** Builds the frontier of the tree of `leaves`. */
  static of(leaves: readonly Uint8Array[]): MerkleFrontier {
    const frontier = MerkleFrontier.empty();
    for (const leaf of leaves) frontier.append(leaf);
    return frontier;
  }

  get treeSize(): number {
    return this.size;
  }

  append(leafHash: Uint8Array): void {
    let node: Buffer = Buffer.from(leafHash);
    let size = this.size;
    // Each trailing set bit of the size is a perfect subtree the new leaf completes.
    while (size % 2 === 1) {
      node = merkleNodeHash(this.nodes.pop() as Buffer, node);
      size = Math.floor(size / 2);
    }
    this.nodes.push(node);
    this.size += 1;
  }

  root(): Buffer {
    if (this.nodes.length === 0) return EMPTY_TREE_HASH;
    let root: Buffer = this.nodes[this.nodes.length - 1] as Buffer;
    for (let index = this.nodes.length - 2; index >= 0; index -= 1) {
      root = merkleNodeHash(this.nodes[index] as Buffer, root);
    }
    return root;
  }

  /** The stored form: hex nodes, largest subtree first. */
  toJSON(): string[] {
    return this.nodes.map((node) => node.toString('hex'));
  }
}
