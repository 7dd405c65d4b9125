import type { OrganisationRole } from '@threatloom/domain';
import { graphql } from '../api/graphql-client.js';

/** A personal API token as listed (never its secret). */
export interface ApiToken {
  id: string;
  name: string;
  organisationId: string;
  roleCeiling: OrganisationRole;
  /** The first characters of the secret, to recognise it. */
  displayPrefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** What creating a token needs. */
export interface NewApiToken {
  name: string;
  organisationId: string;
  roleCeiling: OrganisationRole;
  /** ISO date-time, or null for a token that does not expire. */
  expiresAt: string | null;
}

/** One page of the user's tokens, newest first. */
export interface ApiTokenPage {
  tokens: ApiToken[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

const TOKEN_FIELDS =
  'id name organisationId roleCeiling displayPrefix createdAt expiresAt lastUsedAt revokedAt';

/** A page of the signed-in user's tokens, after the cursor of the previous one. */
export async function listApiTokens(after: string | null = null): Promise<ApiTokenPage> {
  const answer = await graphql<{
    apiTokens: {
      edges: { node: ApiToken }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
      totalCount: number;
    };
  }>(
    `query ApiTokens($after: String) {
      apiTokens(first: 50, after: $after) {
        edges { node { ${TOKEN_FIELDS} } }
        pageInfo { endCursor hasNextPage }
        totalCount
      }
    }`,
    { after },
  );
  return {
    tokens: answer.apiTokens.edges.map((edge) => edge.node),
    endCursor: answer.apiTokens.pageInfo.endCursor,
    hasNextPage: answer.apiTokens.pageInfo.hasNextPage,
    totalCount: answer.apiTokens.totalCount,
  };
}

/** Creates a token; the answer holds its secret, which the API never shows again. */
export async function createApiToken(
  input: NewApiToken,
): Promise<{ secret: string; token: ApiToken }> {
  const answer = await graphql<{ createApiToken: { secret: string; apiToken: ApiToken } }>(
    `mutation CreateApiToken($input: CreateApiTokenInput!) {
      createApiToken(input: $input) { secret apiToken { ${TOKEN_FIELDS} } }
    }`,
    { input },
  );
  return { secret: answer.createApiToken.secret, token: answer.createApiToken.apiToken };
}

/** Revokes one of the user's tokens: the next request with it is refused. */
export async function revokeApiToken(id: string): Promise<ApiToken> {
  const answer = await graphql<{ revokeApiToken: ApiToken }>(
    `mutation RevokeApiToken($id: ID!) { revokeApiToken(id: $id) { ${TOKEN_FIELDS} } }`,
    { id },
  );
  return answer.revokeApiToken;
}
