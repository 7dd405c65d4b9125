import { graphql } from '../api/graphql-client.js';
import { currentStreamVersion } from '../checklist/review-commands.js';

/** What a "no threats" declaration concerns. */
export interface NoThreatsTarget {
  kind: 'element' | 'flow' | 'zone';
  id: string;
}

/**
 * Declares, with the reason, that nothing can go wrong at `target`: a
 * judgement the checklist and the matrix count, so it goes through the
 * governed GraphQL path and everyone sees who made it.
 */
export async function declareNoThreats(
  modelId: string,
  target: NoThreatsTarget,
  reason: string,
): Promise<void> {
  await graphql(
    `
      mutation DeclareNoThreats(
        $modelId: ID!
        $expectedVersion: Int!
        $input: DeclareNoThreatsInput!
      ) {
        declareNoThreats(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) {
          streamVersion
        }
      }
    `,
    {
      modelId,
      expectedVersion: await currentStreamVersion(modelId),
      input: { targetKind: target.kind, targetId: target.id, reason: reason.trim() },
    },
  );
}

/** Withdraws a "no threats" declaration. */
export async function withdrawNoThreats(modelId: string, target: NoThreatsTarget): Promise<void> {
  await graphql(
    `
      mutation WithdrawNoThreats(
        $modelId: ID!
        $expectedVersion: Int!
        $input: WithdrawNoThreatsInput!
      ) {
        withdrawNoThreats(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) {
          streamVersion
        }
      }
    `,
    {
      modelId,
      expectedVersion: await currentStreamVersion(modelId),
      input: { targetKind: target.kind, targetId: target.id },
    },
  );
}
