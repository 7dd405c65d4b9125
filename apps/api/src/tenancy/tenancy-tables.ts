import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { ApiTables } from '../database/database-schema.js';

type Timestamp = ColumnType<Date, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface OrganisationsTable {
  organisation_id: string;
  name: string;
  slug: string;
  created_by: string;
  created_at: Timestamp;
}

export interface MembershipsTable {
  organisation_id: string;
  user_id: string;
  email: string;
  role: string;
  joined_at: Timestamp;
}

export interface InvitationsTable {
  invitation_id: string;
  organisation_id: string;
  email: string;
  role: string;
  status: string;
  invited_by: string;
  invited_at: Timestamp;
  expires_at: Timestamp;
}

export interface SystemsTable {
  system_id: string;
  owner_organisation_id: string;
  name: string;
  criticality_tier: number;
  tags: Json<string[]>;
  registered_by: string;
  registered_at: Timestamp;
}

export interface SystemSharesTable {
  system_id: string;
  grantee_organisation_id: string;
  owner_organisation_id: string;
  role: string;
  shared_by: string;
  shared_at: Timestamp;
}

export interface ModelOwnershipTable {
  model_id: string;
  system_id: string;
  owner_organisation_id: string;
}

/** The tenancy read models created by 20261124T1100_tenancy_read_models. */
export interface TenancyTables {
  organisations: OrganisationsTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  systems: SystemsTable;
  system_shares: SystemSharesTable;
  model_ownership: ModelOwnershipTable;
}

/** Kysely over the tenancy tables (and the API's, for joins). */
export type TenancyDb = Kysely<TenancyTables & ApiTables>;

/** Widens a transaction opened by DatabaseService to the tenancy tables; the cast only adds table types. */
export function tenancyDb(trx: Transaction<ApiTables> | Kysely<ApiTables>): TenancyDb {
  return trx as unknown as TenancyDb;
}
