import { graphql } from '../api/graphql-client.js';

/** A frozen version with what was recorded of it: who, for whom, its checklist and its seal. */
export interface VersionRecord {
  number: number;
  label: string;
  frozenAt: string;
  frozenBy: string;
  frozenPosition: number | null;
  frozenOrganisation: string | null;
  frozenRoles: string[] | null;
  signedOff: { by: string; at: string; organisation: string | null; roles: string[] | null } | null;
  checklist: { passed: boolean; passedCount: number; itemCount: number; failedItems: string[] };
  checkpoint: { treeSize: number; rootHash: string; sealedAt: string; keyId: string } | null;
}

const VERSIONS = `query ModelVersionRecords($id: ID!, $after: String) {
  model(id: $id) {
    versions(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node {
        number label frozenAt frozenBy frozenPosition frozenOrganisation frozenRoles
        signedOff { by at organisation roles }
        checklist { passed passedCount itemCount failedItems }
        checkpoint { treeSize rootHash sealedAt keyId }
      } }
    }
  }
}`;

/** Every frozen version of the model with its record, newest first. */
export async function loadVersionRecords(modelId: string): Promise<VersionRecord[]> {
  const records: VersionRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const answer: {
      model: {
        versions: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: VersionRecord }[];
        };
      };
    } = await graphql(VERSIONS, { id: modelId, after });
    records.push(...answer.model.versions.edges.map((edge) => edge.node));
    if (!answer.model.versions.pageInfo.hasNextPage) break;
    after = answer.model.versions.pageInfo.endCursor;
  }
  return records.sort((a, b) => b.number - a.number);
}

/** A root hash shortened for reading: its first and last 8 hex digits. */
export function shortHash(hash: string): string {
  return hash.length <= 20 ? hash : `${hash.slice(0, 8)}…${hash.slice(-8)}`;
}

/** The checklist of a version in words: "9 of 10 items passed (failed: traceability)". */
export function checklistWords(checklist: VersionRecord['checklist']): string {
  const passed = `${checklist.passedCount} of ${checklist.itemCount} items passed`;
  return checklist.failedItems.length === 0
    ? `${passed}: ready`
    : `${passed} (failed: ${checklist.failedItems.join(', ')})`;
}
