import { Conflict, Forbidden, IllegalState, NotFound } from '../../errors.js';
import {
  rolesWithOrganisationPermission,
  rolesWithSystemPermission,
} from '../access/permission-table.js';
import type { TenancyCommandContext } from '../context.js';
import { toTenancyDecision, type TenancyDecision } from '../decision.js';
import { parseTenancyCommand } from '../parse-command.js';
import { systemCommandSchema, type SystemCommand } from './commands.js';
import type { SystemEvent } from './events.js';
import type { SystemState } from './state.js';

/**
 * Decides which events a System command produces, or the typed refusal. The actor's organisation and (token-capped) role come from the context.
 */
export function decideSystem(
  input: unknown,
  state: SystemState,
  context: TenancyCommandContext,
): TenancyDecision<SystemEvent> {
  return toTenancyDecision(() => decideOrThrow(input, state, context));
}

function decideOrThrow(
  input: unknown,
  state: SystemState,
  context: TenancyCommandContext,
): SystemEvent[] {
  const command = parseTenancyCommand(systemCommandSchema, input);
  if (command.type === 'RegisterSystem') return register(command, state, context);
  const ownerOrganisationId = requireExisting(state, command.systemId);
  switch (command.type) {
    case 'AddThreatModelToSystem':
      return addModel(command, state, ownerOrganisationId, context);
    case 'ShareSystem':
      return share(command, state, ownerOrganisationId, context);
    case 'ChangeSystemShare':
      return changeShare(command, state, ownerOrganisationId, context);
    case 'RevokeSystemShare':
      return revokeShare(command, state, ownerOrganisationId, context);
  }
}

type CommandOf<T extends SystemCommand['type']> = Extract<SystemCommand, { type: T }>;

function register(
  command: CommandOf<'RegisterSystem'>,
  state: SystemState,
  { actor, now }: TenancyCommandContext,
): SystemEvent[] {
  if (state.systemId !== null) {
    throw new Conflict('systemId', `system '${command.systemId}' already exists`);
  }
  requireOwnerRole(
    actor,
    command.ownerOrganisationId,
    rolesWithOrganisationPermission('register_systems'),
    'register systems',
  );
  return [
    {
      type: 'SystemRegistered',
      schemaVersion: 1,
      data: {
        systemId: command.systemId,
        ownerOrganisationId: command.ownerOrganisationId,
        name: command.name,
        criticalityTier: command.criticalityTier,
        tags: command.tags,
        registeredBy: actor.userId,
        registeredAt: now,
      },
    },
  ];
}

function addModel(
  command: CommandOf<'AddThreatModelToSystem'>,
  state: SystemState,
  ownerOrganisationId: string,
  { actor, now }: TenancyCommandContext,
): SystemEvent[] {
  requireOwnerRole(
    actor,
    ownerOrganisationId,
    rolesWithSystemPermission('create_model'),
    'add models',
  );
  if (state.modelIds.includes(command.modelId)) {
    throw new Conflict('modelId', `model '${command.modelId}' already belongs to the system`);
  }
  return [
    {
      type: 'ThreatModelAddedToSystem',
      schemaVersion: 1,
      data: {
        systemId: command.systemId,
        ownerOrganisationId,
        modelId: command.modelId,
        addedBy: actor.userId,
        addedAt: now,
      },
    },
  ];
}

function share(
  command: CommandOf<'ShareSystem'>,
  state: SystemState,
  ownerOrganisationId: string,
  { actor, now }: TenancyCommandContext,
): SystemEvent[] {
  requireOwnerRole(
    actor,
    ownerOrganisationId,
    rolesWithSystemPermission('admin'),
    'share the system',
  );
  if (command.granteeOrganisationId === ownerOrganisationId) {
    throw new IllegalState('granteeOrganisationId', 'a system cannot be shared with its owner');
  }
  if (state.shares[command.granteeOrganisationId]) {
    throw new Conflict(
      'granteeOrganisationId',
      'the system is already shared with this organisation; change the share instead',
    );
  }
  return [
    {
      type: 'SystemShared',
      schemaVersion: 1,
      data: {
        systemId: command.systemId,
        ownerOrganisationId,
        granteeOrganisationId: command.granteeOrganisationId,
        role: command.role,
        sharedBy: actor.userId,
        sharedAt: now,
      },
    },
  ];
}

function changeShare(
  command: CommandOf<'ChangeSystemShare'>,
  state: SystemState,
  ownerOrganisationId: string,
  { actor, now }: TenancyCommandContext,
): SystemEvent[] {
  requireOwnerRole(actor, ownerOrganisationId, rolesWithSystemPermission('admin'), 'change shares');
  const previousRole = state.shares[command.granteeOrganisationId];
  if (!previousRole) {
    throw new NotFound('share', command.granteeOrganisationId, 'granteeOrganisationId');
  }
  if (previousRole === command.role) return [];
  return [
    {
      type: 'SystemShareChanged',
      schemaVersion: 1,
      data: {
        systemId: command.systemId,
        ownerOrganisationId,
        granteeOrganisationId: command.granteeOrganisationId,
        previousRole,
        role: command.role,
        changedBy: actor.userId,
        changedAt: now,
      },
    },
  ];
}

function revokeShare(
  command: CommandOf<'RevokeSystemShare'>,
  state: SystemState,
  ownerOrganisationId: string,
  { actor, now }: TenancyCommandContext,
): SystemEvent[] {
  requireOwnerRole(actor, ownerOrganisationId, rolesWithSystemPermission('admin'), 'revoke shares');
  if (!state.shares[command.granteeOrganisationId]) {
    throw new NotFound('share', command.granteeOrganisationId, 'granteeOrganisationId');
  }
  return [
    {
      type: 'SystemShareRevoked',
      schemaVersion: 1,
      data: {
        systemId: command.systemId,
        ownerOrganisationId,
        granteeOrganisationId: command.granteeOrganisationId,
        revokedBy: actor.userId,
        revokedAt: now,
      },
    },
  ];
}

function requireExisting(state: SystemState, systemId: string): string {
  if (state.systemId !== systemId || state.ownerOrganisationId === null) {
    throw new NotFound('system', systemId, 'systemId');
  }
  return state.ownerOrganisationId;
}

function requireOwnerRole(
  actor: TenancyCommandContext['actor'],
  ownerOrganisationId: string,
  allowedRoles: readonly string[],
  what: string,
): void {
  const isOwnerMember = actor.organisationId === ownerOrganisationId;
  if (!isOwnerMember || actor.role === undefined || !allowedRoles.includes(actor.role)) {
    throw new Forbidden(
      allowedRoles[allowedRoles.length - 1] ?? 'admin',
      `only ${allowedRoles.join(', ')} of the owner organisation can ${what}`,
    );
  }
}
