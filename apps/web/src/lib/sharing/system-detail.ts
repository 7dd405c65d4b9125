import type { ShareRole } from '@threatloom/domain';
import { graphql } from '../api/graphql-client.js';

/** A share of a system with another organisation. */
export interface SystemShare {
  granteeOrganisationId: string;
  role: ShareRole;
}

/** A system with what the caller may do on it and the shares they may see. */
export interface SystemDetail {
  id: string;
  name: string;
  criticalityTier: number;
  tags: string[];
  ownerOrganisationId: string;
  myPermissions: string[];
  shares: SystemShare[];
  models: { id: string; name: string }[];
}

/**
 * One query that reads several models by id, each under its own alias
 * (`model0`, `model1`, ...), with its variables.
 */
export function modelNamesQuery(modelIds: readonly string[]): {
  query: string;
  variables: Record<string, string>;
} {
  const variables: Record<string, string> = {};
  const parameters: string[] = [];
  const fields: string[] = [];
  modelIds.forEach((id, index) => {
    variables[`id${index}`] = id;
    parameters.push(`$id${index}: ID!`);
    fields.push(`model${index}: model(id: $id${index}) { id name }`);
  });
  return { query: `query ModelNames(${parameters.join(', ')}) { ${fields.join(' ')} }`, variables };
}

/** The system, its shares as the caller may see them, and its models by name. */
export async function loadSystemDetail(systemId: string): Promise<SystemDetail> {
  const answer = await graphql<{
    system: Omit<SystemDetail, 'models'> & { modelIds: string[] };
  }>(
    `
      query SystemDetail($id: ID!) {
        system(id: $id) {
          id
          name
          criticalityTier
          tags
          ownerOrganisationId
          myPermissions
          modelIds
          shares {
            granteeOrganisationId
            role
          }
        }
      }
    `,
    { id: systemId },
  );
  const { modelIds, ...system } = answer.system;
  let models: { id: string; name: string }[] = [];
  if (modelIds.length > 0) {
    const { query, variables } = modelNamesQuery(modelIds);
    const named = await graphql<Record<string, { id: string; name: string }>>(query, variables);
    models = Object.values(named).sort((a, b) => a.name.localeCompare(b.name));
  }
  return {
    ...system,
    shares: [...system.shares].sort((a, b) =>
      a.granteeOrganisationId.localeCompare(b.granteeOrganisationId),
    ),
    models,
  };
}

/** Shares the system with another organisation at a role (owner admins). */
export async function shareSystem(
  systemId: string,
  granteeOrganisationId: string,
  role: ShareRole,
): Promise<void> {
  await graphql(
    `
      mutation ShareSystem($systemId: ID!, $granteeOrganisationId: ID!, $role: ShareRole!) {
        shareSystem(
          systemId: $systemId
          granteeOrganisationId: $granteeOrganisationId
          role: $role
        ) {
          role
        }
      }
    `,
    { systemId, granteeOrganisationId, role },
  );
}

/** Changes the role of a share (owner admins). */
export async function changeSystemShare(
  systemId: string,
  granteeOrganisationId: string,
  role: ShareRole,
): Promise<void> {
  await graphql(
    `
      mutation ChangeSystemShare($systemId: ID!, $granteeOrganisationId: ID!, $role: ShareRole!) {
        changeSystemShare(
          systemId: $systemId
          granteeOrganisationId: $granteeOrganisationId
          role: $role
        ) {
          role
        }
      }
    `,
    { systemId, granteeOrganisationId, role },
  );
}

/** Revokes a share; the other organisation loses access at once (owner admins). */
export async function revokeSystemShare(
  systemId: string,
  granteeOrganisationId: string,
): Promise<void> {
  await graphql(
    `
      mutation RevokeSystemShare($systemId: ID!, $granteeOrganisationId: ID!) {
        revokeSystemShare(systemId: $systemId, granteeOrganisationId: $granteeOrganisationId)
      }
    `,
    { systemId, granteeOrganisationId },
  );
}

const tierWords: Record<number, string> = { 1: 'critical', 2: 'high', 3: 'moderate', 4: 'low' };

/** A criticality tier with its word ("Tier 1 · critical"), as the systems page names them. */
export function criticalityTierLabel(tier: number): string {
  const word = tierWords[tier];
  return word ? `Tier ${tier} · ${word}` : `Tier ${tier}`;
}
