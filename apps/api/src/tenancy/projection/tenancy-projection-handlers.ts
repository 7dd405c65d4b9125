import type { OrganisationEvent, SystemEvent } from '@threatloom/domain';
import type { TenancyDb } from '../tenancy-tables.js';

/** The part of a stored event the tenancy projection reads. */
export interface ProjectedEvent {
  type: string;
  data: unknown;
}

/** The tables the tenancy projection owns; a rebuild empties exactly these. */
export const tenancyProjectionTables = [
  'organisations',
  'memberships',
  'invitations',
  'systems',
  'system_shares',
  'model_ownership',
] as const;

/** Event types that create or move model ownership from the model's own stream. */
interface ThreatModelCreatedData {
  modelId: string;
  systemId?: string | null;
}

type Handler<E> = (db: TenancyDb, data: E) => Promise<void>;
type DataOf<U extends { type: string; data: unknown }, T extends U['type']> = Extract<
  U,
  { type: T }
>['data'];
type TenancyEvent = OrganisationEvent | SystemEvent;

/**
 * One handler per event type. Each is idempotent (upserts and deletes by key),
 * so replaying an event the checkpoint already covers changes nothing.
 */
const handlers: { [T in TenancyEvent['type']]: Handler<DataOf<TenancyEvent, T>> } = {
  OrganisationCreated: async (db, data) => {
    await db
      .insertInto('organisations')
      .values({
        organisation_id: data.organisationId,
        name: data.name,
        slug: data.slug,
        created_by: data.founder.userId,
        created_at: data.createdAt,
      })
      .onConflict((oc) => oc.column('organisation_id').doNothing())
      .execute();
    await upsertMembership(
      db,
      data.organisationId,
      data.founder.userId,
      data.founder.email,
      'admin',
      data.createdAt,
    );
  },
  MemberInvited: async (db, data) => {
    await db
      .insertInto('invitations')
      .values({
        invitation_id: data.invitationId,
        organisation_id: data.organisationId,
        email: data.email,
        role: data.role,
        status: 'pending',
        invited_by: data.invitedBy,
        invited_at: data.invitedAt,
        expires_at: data.expiresAt,
      })
      .onConflict((oc) => oc.column('invitation_id').doNothing())
      .execute();
  },
  InvitationAccepted: async (db, data) => {
    await setInvitationStatus(db, data.invitationId, 'accepted');
    await upsertMembership(
      db,
      data.organisationId,
      data.userId,
      data.email,
      data.role,
      data.acceptedAt,
    );
  },
  MemberJoinedThroughSingleSignOn: async (db, data) => {
    await upsertMembership(
      db,
      data.organisationId,
      data.userId,
      data.email,
      data.role,
      data.joinedAt,
    );
  },
  InvitationRevoked: async (db, data) => {
    await setInvitationStatus(db, data.invitationId, 'revoked');
  },
  MemberRoleChanged: async (db, data) => {
    await db
      .updateTable('memberships')
      .set({ role: data.role })
      .where('organisation_id', '=', data.organisationId)
      .where('user_id', '=', data.userId)
      .execute();
  },
  MemberRemoved: async (db, data) => {
    await db
      .deleteFrom('memberships')
      .where('organisation_id', '=', data.organisationId)
      .where('user_id', '=', data.userId)
      .execute();
  },
  SystemRegistered: async (db, data) => {
    await db
      .insertInto('systems')
      .values({
        system_id: data.systemId,
        owner_organisation_id: data.ownerOrganisationId,
        name: data.name,
        criticality_tier: data.criticalityTier,
        tags: JSON.stringify(data.tags),
        registered_by: data.registeredBy,
        registered_at: data.registeredAt,
      })
      .onConflict((oc) => oc.column('system_id').doNothing())
      .execute();
  },
  ThreatModelAddedToSystem: async (db, data) => {
    await upsertOwnership(db, data.modelId, data.systemId, data.ownerOrganisationId);
  },
  SystemShared: async (db, data) => {
    await db
      .insertInto('system_shares')
      .values({
        system_id: data.systemId,
        grantee_organisation_id: data.granteeOrganisationId,
        owner_organisation_id: data.ownerOrganisationId,
        role: data.role,
        shared_by: data.sharedBy,
        shared_at: data.sharedAt,
      })
      .onConflict((oc) =>
        oc.columns(['system_id', 'grantee_organisation_id']).doUpdateSet({ role: data.role }),
      )
      .execute();
  },
  SystemShareChanged: async (db, data) => {
    await db
      .updateTable('system_shares')
      .set({ role: data.role })
      .where('system_id', '=', data.systemId)
      .where('grantee_organisation_id', '=', data.granteeOrganisationId)
      .execute();
  },
  SystemShareRevoked: async (db, data) => {
    await db
      .deleteFrom('system_shares')
      .where('system_id', '=', data.systemId)
      .where('grantee_organisation_id', '=', data.granteeOrganisationId)
      .execute();
  },
};

async function upsertMembership(
  db: TenancyDb,
  organisationId: string,
  userId: string,
  email: string,
  role: string,
  joinedAt: string,
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ organisation_id: organisationId, user_id: userId, email, role, joined_at: joinedAt })
    .onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doUpdateSet({ role, email }))
    .execute();
}

async function setInvitationStatus(
  db: TenancyDb,
  invitationId: string,
  status: string,
): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ status })
    .where('invitation_id', '=', invitationId)
    .execute();
}

async function upsertOwnership(
  db: TenancyDb,
  modelId: string,
  systemId: string,
  ownerOrganisationId: string,
): Promise<void> {
  await db
    .insertInto('model_ownership')
    .values({ model_id: modelId, system_id: systemId, owner_organisation_id: ownerOrganisationId })
    .onConflict((oc) =>
      oc
        .column('model_id')
        .doUpdateSet({ system_id: systemId, owner_organisation_id: ownerOrganisationId }),
    )
    .execute();
}

/**
 * A model created directly inside a system belongs to it from its first event;
 * the owner is the system's owner as the projection knows it (the creating
 * service has checked the caller may edit that system).
 */
async function ownModelCreatedInSystem(db: TenancyDb, data: ThreatModelCreatedData): Promise<void> {
  if (!data.systemId) return;
  const system = await db
    .selectFrom('systems')
    .select('owner_organisation_id')
    .where('system_id', '=', data.systemId)
    .executeTakeFirst();
  if (system === undefined) return;
  await upsertOwnership(db, data.modelId, data.systemId, system.owner_organisation_id);
}

/** Whether the tenancy projection reacts to this event type. */
export function isTenancyProjectionEvent(type: string): boolean {
  return Object.hasOwn(handlers, type) || type === 'ThreatModelCreated';
}

/** Applies one event to the tenancy read models (inside the runner's transaction). */
export async function applyTenancyEvent(db: TenancyDb, event: ProjectedEvent): Promise<void> {
  if (event.type === 'ThreatModelCreated') {
    await ownModelCreatedInSystem(db, event.data as ThreatModelCreatedData);
    return;
  }
  if (!Object.hasOwn(handlers, event.type)) return;
  const handler = (handlers as Record<string, Handler<unknown> | undefined>)[event.type];
  if (handler) await handler(db, event.data);
}
