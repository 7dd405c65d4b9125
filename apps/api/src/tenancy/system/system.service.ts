import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  systemPermissionOf,
  systemPermissionsFor,
  type SystemOperation,
  systemStreamId,
  type SystemState,
  type TenancyCommandContext,
} from '@threatloom/domain';
import { z } from 'zod';
import type { RequestScope } from '../../access/request-scope.js';
import type { AppConfig } from '../../config/config.schema.js';
import { APP_CONFIG } from '../../config/config.tokens.js';
import { DatabaseService } from '../../database/database.service.js';
import { NotFound, Unauthenticated } from '../../errors/app-error.js';
import { parseInput } from '../../graphql/parse-input.js';
import {
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
  type ConnectionShape,
} from '../../graphql/pagination.js';
import { requireOrganisation, tenancyScopeOf } from '../access/organisation-access.js';
import { TenancyEventWriter } from '../tenancy-event-writer.js';
import { TenancyRepository, type SystemRow } from '../tenancy.repository.js';
import { tenancyDb } from '../tenancy-tables.js';
import { ShareRevocations } from './share-revocations.js';
import { systemAggregate } from './system-aggregate.js';
import { systemFromRow } from './system.mapper.js';
import type { RegisterSystemInput, ShareRoleValue, System, SystemShare } from './system.types.js';
import { pageArgsSchema } from '../../graphql/page-args.js';

const idSchema = z.uuid({ error: 'expected a uuid' });
/** Systems, the models they hold, and their shares with other organisations. */
@Injectable()
export class SystemService {
  constructor(
    private readonly database: DatabaseService,
    private readonly repository: TenancyRepository,
    private readonly writer: TenancyEventWriter,
    private readonly revocations: ShareRevocations,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A page of the systems the acting organisation owns or has been shared, by name. */
  async list(
    scope: RequestScope,
    rawArgs: { first?: number | null; after?: string | null },
  ): Promise<ConnectionShape<System>> {
    if (scope.userId === null) throw new Unauthenticated();
    const args = parseInput(pageArgsSchema, rawArgs, '');
    const size = pageSize(args.first, this.config.graphql.maxPageSize);
    const after = args.after ? decodeCursor(args.after, 2).map(String) : null;
    // Listing needs no per-id check: row-level security limits rows to the acting organisation's.
    const { rows, total, details } = await this.database.transaction(scope, async (trx) => {
      const db = tenancyDb(trx);
      const rows = await this.repository.systemsPage(
        db,
        after ? [after[0] ?? '', after[1] ?? ''] : null,
        size + 1,
      );
      const total = await this.repository.countSystems(db);
      const systems = await this.toSystems(scope, db, rows.slice(0, size));
      const details = new Map(systems.map((system) => [system.id, system]));
      return { rows, total, details };
    });
    return toConnection(
      rows,
      size,
      total,
      (row) => encodeCursor([row.name, row.system_id]),
      (row) => details.get(row.system_id) as System,
    );
  }

  /** One system the caller can see. */
  async get(scope: RequestScope, rawId: string): Promise<System> {
    const systemId = parseInput(idSchema, rawId, 'id');
    await tenancyScopeOf(scope).requirePermission(systemPermissionOf('Query.system'), [systemId]);
    return this.read(scope, systemId);
  }

  /** Registers a system owned by the acting organisation (its admins only). */
  async register(scope: RequestScope, input: RegisterSystemInput): Promise<System> {
    if (scope.userId === null) throw new Unauthenticated();
    const organisationId = scope.actingOrganisationId;
    if (organisationId === null)
      throw new NotFound('Organisation', 'none', 'x-threatloom-organisation');
    requireOrganisation(scope, organisationId, 'Mutation.registerSystem');
    const systemId = randomUUID();
    await this.run(
      scope,
      systemId,
      {
        type: 'RegisterSystem',
        systemId,
        ownerOrganisationId: organisationId,
        name: input.name,
        criticalityTier: input.criticalityTier,
        tags: input.tags ?? [],
      },
      'input',
    );
    return this.read(scope, systemId);
  }

  /**
   * Adds a threat model to a system. The model must have been created by the
   * system's owner and belong to no system yet; anything else is "not found",
   * so a model id from another organisation reveals nothing.
   */
  async addModel(scope: RequestScope, rawSystemId: string, rawModelId: string): Promise<System> {
    const systemId = parseInput(idSchema, rawSystemId, 'systemId');
    const modelId = parseInput(idSchema, rawModelId, 'modelId');
    await tenancyScopeOf(scope).requirePermission(systemPermissionOf('Mutation.addModelToSystem'), [
      systemId,
    ]);
    const ownerOrganisationId = scope.actingOrganisationId;
    const created = await this.database.eventStore.readStream(`model-${modelId}`, { toVersion: 0 });
    const creatorOrganisation = (created[0]?.data as { organisationId?: unknown } | undefined)
      ?.organisationId;
    const isOwnedElsewhere = await this.database.systemTransaction(async (trx) => {
      const owned = await this.repository.systemIdsOf(tenancyDb(trx), [modelId]);
      const current = owned.get(modelId);
      return current !== undefined && current !== systemId;
    });
    if (created.length === 0 || creatorOrganisation !== ownerOrganisationId || isOwnedElsewhere) {
      throw new NotFound('Model', modelId, 'modelId');
    }
    await this.run(scope, systemId, { type: 'AddThreatModelToSystem', systemId, modelId });
    return this.read(scope, systemId);
  }

  /** Shares a system with another organisation at a role (owner admins only). */
  async share(
    scope: RequestScope,
    rawSystemId: string,
    rawGranteeId: string,
    role: ShareRoleValue,
  ): Promise<SystemShare> {
    const { systemId, granteeOrganisationId } = await this.shareTarget(
      'Mutation.shareSystem',
      scope,
      rawSystemId,
      rawGranteeId,
    );
    const { state } = await this.run(scope, systemId, {
      type: 'ShareSystem',
      systemId,
      granteeOrganisationId,
      role,
    });
    return shareOf(state, systemId, granteeOrganisationId);
  }

  /** Changes the role of an existing share (owner admins only). */
  async changeShare(
    scope: RequestScope,
    rawSystemId: string,
    rawGranteeId: string,
    role: ShareRoleValue,
  ): Promise<SystemShare> {
    const { systemId, granteeOrganisationId } = await this.shareTarget(
      'Mutation.changeSystemShare',
      scope,
      rawSystemId,
      rawGranteeId,
    );
    const { state } = await this.run(scope, systemId, {
      type: 'ChangeSystemShare',
      systemId,
      granteeOrganisationId,
      role,
    });
    await this.revocations.publish({ systemId, granteeOrganisationId });
    return shareOf(state, systemId, granteeOrganisationId);
  }

  /**
   * Revokes a share. The read model is updated before this returns, and open
   * subscriptions of the grantee are told at once, so access ends immediately.
   */
  async revokeShare(
    scope: RequestScope,
    rawSystemId: string,
    rawGranteeId: string,
  ): Promise<boolean> {
    const { systemId, granteeOrganisationId } = await this.shareTarget(
      'Mutation.revokeSystemShare',
      scope,
      rawSystemId,
      rawGranteeId,
    );
    await this.run(scope, systemId, { type: 'RevokeSystemShare', systemId, granteeOrganisationId });
    await this.revocations.publish({ systemId, granteeOrganisationId });
    return true;
  }

  private async shareTarget(
    operation: SystemOperation,
    scope: RequestScope,
    rawSystemId: string,
    rawGranteeId: string,
  ) {
    const systemId = parseInput(idSchema, rawSystemId, 'systemId');
    const granteeOrganisationId = parseInput(idSchema, rawGranteeId, 'granteeOrganisationId');
    await tenancyScopeOf(scope).requirePermission(systemPermissionOf(operation), [systemId]);
    const granteeExists = await this.database.systemTransaction(
      async (trx) =>
        (await this.repository.organisation(tenancyDb(trx), granteeOrganisationId)) !== undefined,
    );
    if (!granteeExists)
      throw new NotFound('Organisation', granteeOrganisationId, 'granteeOrganisationId');
    return { systemId, granteeOrganisationId };
  }

  /** Runs a System command; refusals name their field under `argument` when the command came in one. */
  private async run(scope: RequestScope, systemId: string, command: object, argument?: string) {
    const { caller } = tenancyScopeOf(scope);
    if (caller.userId === null) throw new Unauthenticated();
    const context: TenancyCommandContext = {
      actor: {
        userId: caller.userId,
        email: caller.email ?? '',
        ...(scope.actingOrganisationId ? { organisationId: scope.actingOrganisationId } : {}),
        ...(caller.role ? { role: caller.role } : {}),
      },
      now: new Date().toISOString(),
    };
    return this.writer.execute(
      systemAggregate,
      systemStreamId(systemId),
      command,
      context,
      {
        actor: caller.userId,
        organisation: scope.actingOrganisationId ?? '',
        correlationId: scope.requestId,
      },
      argument,
    );
  }

  private async read(scope: RequestScope, systemId: string): Promise<System> {
    return this.database.transaction(scope, async (trx) => {
      const db = tenancyDb(trx);
      const row = await this.repository.system(db, systemId);
      if (row === undefined) throw new NotFound('Resource', systemId, 'id');
      const [system] = await this.toSystems(scope, db, [row]);
      if (system === undefined) throw new NotFound('Resource', systemId, 'id');
      return system;
    });
  }

  /** Loads shares and models of a batch of systems in two queries and maps them to GraphQL. */
  private async toSystems(
    scope: RequestScope,
    db: ReturnType<typeof tenancyDb>,
    rows: readonly SystemRow[],
  ): Promise<System[]> {
    const systemIds = rows.map((row) => row.system_id);
    const shares = await this.repository.sharesOf(db, systemIds);
    const modelIds = await this.repository.modelIdsOf(db, systemIds);
    const { caller } = tenancyScopeOf(scope);
    return rows.map((row) => {
      const ownShares = shares.filter((share) => share.system_id === row.system_id);
      const permissions =
        scope.actingOrganisationId === null
          ? []
          : [
              ...systemPermissionsFor({
                actingOrganisationId: scope.actingOrganisationId,
                memberships: caller.memberships,
                ...(caller.roleCeiling ? { roleCeiling: caller.roleCeiling } : {}),
                system: {
                  ownerOrganisationId: row.owner_organisation_id,
                  shares: ownShares.map((share) => ({
                    granteeOrganisationId: share.grantee_organisation_id,
                    role: share.role as ShareRoleValue,
                  })),
                },
              }),
            ];
      return systemFromRow(row, ownShares, modelIds.get(row.system_id) ?? [], permissions);
    });
  }
}

function shareOf(state: SystemState, systemId: string, granteeOrganisationId: string): SystemShare {
  const role = state.shares[granteeOrganisationId];
  if (role === undefined)
    throw new NotFound('Share', granteeOrganisationId, 'granteeOrganisationId');
  return { systemId, granteeOrganisationId, role: role as ShareRoleValue };
}
