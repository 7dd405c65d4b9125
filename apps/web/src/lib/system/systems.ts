import { graphql } from '../api/graphql-client.js';

/** A share role another organisation holds on a system. */
export type ShareRole = 'editor' | 'viewer' | 'auditor';

/** A system as the systems page lists it. */
export interface SystemSummary {
  id: string;
  name: string;
  criticalityTier: number;
  ownerOrganisationId: string;
  myPermissions: string[];
  shares: { granteeOrganisationId: string; role: ShareRole }[];
  models: { id: string; name: string }[];
}

/** Every system the acting organisation may see (its own and those shared with it), with their models. */
export async function listSystems(): Promise<SystemSummary[]> {
  const answer = await graphql<{
    systems: {
      edges: {
        node: Omit<SystemSummary, 'models'> & { modelIds: string[] };
      }[];
    };
    models: { edges: { node: { id: string; name: string; systemId: string | null } }[] };
  }>(`
    query Systems {
      systems(first: 100) {
        edges {
          node {
            id
            name
            criticalityTier
            ownerOrganisationId
            myPermissions
            modelIds
            shares {
              granteeOrganisationId
              role
            }
          }
        }
      }
      models(first: 100) {
        edges {
          node {
            id
            name
            systemId
          }
        }
      }
    }
  `);
  const models = answer.models.edges.map((edge) => edge.node);
  return answer.systems.edges
    .map(({ node }) => ({
      id: node.id,
      name: node.name,
      criticalityTier: node.criticalityTier,
      ownerOrganisationId: node.ownerOrganisationId,
      myPermissions: node.myPermissions,
      shares: node.shares,
      models: models
        .filter((model) => model.systemId === node.id)
        .map(({ id, name }) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Registers a system in the acting organisation. */
export async function registerSystem(name: string, criticalityTier: number): Promise<string> {
  const answer = await graphql<{ registerSystem: { id: string } }>(
    `
      mutation RegisterSystem($input: RegisterSystemInput!) {
        registerSystem(input: $input) {
          id
        }
      }
    `,
    { input: { name, criticalityTier } },
  );
  return answer.registerSystem.id;
}

/** Creates a threat model in a system; resolves to the model's id. */
export async function createThreatModel(systemId: string, name: string): Promise<string> {
  const answer = await graphql<{ createThreatModel: { modelId: string } }>(
    `
      mutation CreateThreatModel($input: CreateThreatModelInput!) {
        createThreatModel(input: $input) {
          modelId
        }
      }
    `,
    { input: { systemId, name } },
  );
  return answer.createThreatModel.modelId;
}

/** How the acting organisation holds a system: "Owned", or the share's role. */
export function accessLabel(system: SystemSummary, organisationId: string | null): string {
  if (system.ownerOrganisationId === organisationId) return 'Owned';
  const share = system.shares.find(
    (candidate) => candidate.granteeOrganisationId === organisationId,
  );
  return share ? `Shared with you · ${share.role}` : 'Shared with you';
}
