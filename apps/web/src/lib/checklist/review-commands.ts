import type { ChecklistResult } from '@threatloom/domain';
import { graphql } from '../api/graphql-client.js';

/** The model's stream version now: the `expectedVersion` of the next command. */
export async function currentStreamVersion(modelId: string): Promise<number> {
  const answer = await graphql<{ model: { streamVersion: number } }>(
    `
      query ModelStreamVersion($id: ID!) {
        model(id: $id) {
          streamVersion
        }
      }
    `,
    { id: modelId },
  );
  return answer.model.streamVersion;
}

/** What a reviewer records about an attested item. */
export interface AttestationInput {
  item: 'clarity' | 'specificity';
  verdict: 'pass' | 'fail';
  note: string;
}

/**
 * Records the signed-in user's attestation against the model as it stands;
 * rejects with the API's error (its field names the input, e.g. `input.note`).
 */
export async function attestChecklistItem(modelId: string, input: AttestationInput): Promise<void> {
  const expectedVersion = await currentStreamVersion(modelId);
  await graphql(
    `
      mutation AttestChecklistItem(
        $modelId: ID!
        $expectedVersion: Int!
        $input: AttestChecklistItemInput!
      ) {
        attestChecklistItem(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) {
          streamVersion
        }
      }
    `,
    { modelId, expectedVersion, input },
  );
}

/** Freezes the model's current version under `label`; rejects with the API's error. */
export async function freezeModelVersion(modelId: string, label: string): Promise<void> {
  const expectedVersion = await currentStreamVersion(modelId);
  await graphql(
    `
      mutation FreezeModelVersion(
        $modelId: ID!
        $expectedVersion: Int!
        $input: FreezeModelVersionInput!
      ) {
        freezeModelVersion(modelId: $modelId, expectedVersion: $expectedVersion, input: $input) {
          streamVersion
        }
      }
    `,
    { modelId, expectedVersion, input: { label } },
  );
}

/** The checklist as the server computes it (when the open doc cannot be read here). */
export async function serverChecklist(modelId: string): Promise<ChecklistResult> {
  const answer = await graphql<{ checklist: ChecklistResult }>(
    `
      query Checklist($modelId: ID!) {
        checklist(modelId: $modelId) {
          passed
          passedCount
          items {
            id
            title
            status
            passed
            offenders {
              kind
              id
              ref
              reason
            }
            attestation {
              item
              verdict
              note
              attestedAt
              streamVersion
              attestedBy {
                userId
                email
                organisationId
              }
              invalidatedBy {
                streamVersion
                eventType
              }
            }
          }
        }
      }
    `,
    { modelId },
  );
  return answer.checklist;
}

/** Emails of the members of an organisation, by user id (empty when the user may not list them). */
export async function memberEmails(
  organisationId: string,
): Promise<{ userId: string; email: string }[]> {
  try {
    const answer = await graphql<{ members: { userId: string; email: string }[] }>(
      `
        query Members($organisationId: ID!) {
          members(organisationId: $organisationId) {
            userId
            email
          }
        }
      `,
      { organisationId },
    );
    return answer.members;
  } catch {
    // Names are a courtesy: without them the page shows short user ids.
    return [];
  }
}
