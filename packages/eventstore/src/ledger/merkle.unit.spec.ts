import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_TREE_HASH,
  MerkleFrontier,
  consistencyProof,
  inclusionProof,
  merkleLeafHash,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const unhex = (text: string): Buffer => Buffer.from(text, 'hex');

// The reference leaves and tree heads of Certificate Transparency (RFC 6962's
// test data, as published with the transparency-dev Merkle implementation).
const REFERENCE_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((data) => merkleLeafHash(unhex(data)));
const REFERENCE_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const leavesOf = (count: number): Buffer[] =>
  Array.from({ length: count }, (_, index) => merkleLeafHash(`leaf ${index}`));

describe('the Merkle tree of RFC 9162', () => {
  it('gives the reference tree head for every size from 0 to 8', () => {
    expect(hex(EMPTY_TREE_HASH)).toBe(REFERENCE_ROOTS[0]);
    for (let size = 0; size <= 8; size += 1) {
      expect(hex(merkleRoot(REFERENCE_LEAVES.slice(0, size))), `size ${size}`).toBe(
        REFERENCE_ROOTS[size],
      );
    }
  });

  it('gives the reference audit paths', () => {
    expect(inclusionProof(REFERENCE_LEAVES, 0).map(hex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(inclusionProof(REFERENCE_LEAVES, 5).map(hex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
  });

  it('verifies every audit path of every tree up to 40 leaves, and no altered one', () => {
    const leaves = leavesOf(40);
    for (let size = 1; size <= leaves.length; size += 1) {
      const tree = leaves.slice(0, size);
      const root = merkleRoot(tree);
      for (let index = 0; index < size; index += 1) {
        const proof = inclusionProof(tree, index);
        const leaf = tree[index] as Buffer;
        expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);
        expect(verifyInclusion(merkleLeafHash('forged'), index, size, proof, root)).toBe(false);
        if (size > 1) {
          expect(verifyInclusion(leaf, (index + 1) % size, size, proof, root)).toBe(false);
          const bent = proof.map((node, at) =>
            at === 0 ? merkleLeafHash(`bent ${hex(node)}`) : node,
          );
          expect(verifyInclusion(leaf, index, size, bent, root)).toBe(false);
        }
        expect(verifyInclusion(leaf, size, size, proof, root)).toBe(false);
      }
    }
  });

  it('verifies every consistency proof between trees up to 40 leaves, and no false one', () => {
    const leaves = leavesOf(40);
    for (let newSize = 1; newSize <= leaves.length; newSize += 1) {
      const tree = leaves.slice(0, newSize);
      const newRoot = merkleRoot(tree);
      for (let oldSize = 1; oldSize <= newSize; oldSize += 1) {
        const oldRoot = merkleRoot(tree, 0, oldSize);
        const proof = consistencyProof(tree, oldSize);
        expect(verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof)).toBe(true);
        if (oldSize < newSize) {
          // A log that rewrote its history is not consistent with its past.
          const rewritten = [...tree];
          rewritten[oldSize - 1] = merkleLeafHash('rewritten');
          expect(verifyConsistency(oldSize, newSize, oldRoot, merkleRoot(rewritten), proof)).toBe(
            false,
          );
          expect(verifyConsistency(oldSize, newSize, merkleLeafHash('x'), newRoot, proof)).toBe(
            false,
          );
        }
      }
    }
  });

  it('gives the reference consistency proof from 2 to 8 leaves', () => {
    const proof = consistencyProof(REFERENCE_LEAVES, 2).map(hex);
    expect(proof[0]).toBe('5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e');
    expect(proof[1]).toBe('6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4');
    expect(proof).toHaveLength(2);
  });

  it('keeps the same root whether built at once or extended from a stored frontier', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (a, b) => {
        const leaves = leavesOf(a + b);
        const first = MerkleFrontier.of(leaves.slice(0, a));
        expect(hex(first.root())).toBe(hex(merkleRoot(leaves.slice(0, a))));
        const resumed = MerkleFrontier.restore(first.treeSize, first.toJSON());
        for (const leaf of leaves.slice(a)) resumed.append(leaf);
        expect(resumed.treeSize).toBe(a + b);
        expect(hex(resumed.root())).toBe(hex(merkleRoot(leaves)));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a stored frontier whose node count does not fit its size', () => {
    expect(() => MerkleFrontier.restore(3, ['00'])).toThrow(/size 3 has 2 nodes/);
  });
});
