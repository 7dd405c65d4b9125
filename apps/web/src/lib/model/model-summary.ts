import { graphql } from '../api/graphql-client.js';

/** What the model page needs before it opens the doc: names and what the user may do. */
export interface ModelSummary {
  id: string;
  name: string;
  systemId: string | null;
  systemName: string;
  isFrozen: boolean;
  permissions: string[];
  canEdit: boolean;
}

/** Reads a model's name, its system and the caller's permissions on it. */
export async function loadModelSummary(modelId: string): Promise<ModelSummary> {
  const answer = await graphql<{
    model: { id: string; name: string; systemId: string | null; isFrozen: boolean };
  }>(
    `
      query ModelSummary($id: ID!) {
        model(id: $id) {
          id
          name
          systemId
          isFrozen
        }
      }
    `,
    { id: modelId },
  );
  const model = answer.model;
  let systemName = '';
  let permissions: string[] = [];
  if (model.systemId) {
    const system = await graphql<{ system: { name: string; myPermissions: string[] } }>(
      `
        query ModelSystem($id: ID!) {
          system(id: $id) {
            name
            myPermissions
          }
        }
      `,
      { id: model.systemId },
    );
    systemName = system.system.name;
    permissions = system.system.myPermissions;
  }
  return {
    ...model,
    systemName,
    permissions,
    canEdit: permissions.includes('edit') && !model.isFrozen,
  };
}
