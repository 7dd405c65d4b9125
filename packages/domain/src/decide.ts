import { assetDecide } from './asset/decide.js';
import { attackTreeDecide } from './attack-tree/decide.js';
import { checklistDecide } from './checklist/decide.js';
import { commandSchema, type ValidCommand } from './commands.js';
import { decisionDecide } from './decision/decide.js';
import { elementDecide } from './element/decide.js';
import { DomainError, Forbidden, IllegalState } from './errors.js';
import type { DomainEvent } from './events.js';
import { flowDecide } from './flow/decide.js';
import { mitigationDecide } from './mitigation/decide.js';
import { hasAnyRole, rolesHolding, type CommandContext } from './model/context.js';
import { commandPermissions } from './tenancy/access/permission-table.js';
import type { DecideHandler, DecideHandlers } from './model/decider.js';
import { modelDecide } from './model/decide.js';
import type { ModelState } from './model/types.js';
import { scopeDecide } from './scope/decide.js';
import { threatDecide } from './threat/decide.js';
import { commandsAllowedWhileFrozen } from './version/commands.js';
import { versionDecide } from './version/decide.js';
import { zoneDecide } from './zone/decide.js';
import { validationErrorFromZod } from './zod-issues.js';

/** The outcome of a command: the events to append, or the one error explaining the refusal. */
export type DecideResult = { ok: true; events: DomainEvent[] } | { ok: false; error: DomainError };

const handlers: DecideHandlers<ValidCommand> = {
  ...modelDecide,
  ...zoneDecide,
  ...elementDecide,
  ...flowDecide,
  ...assetDecide,
  ...scopeDecide,
  ...threatDecide,
  ...mitigationDecide,
  ...decisionDecide,
  ...attackTreeDecide,
  ...versionDecide,
  ...checklistDecide,
};

function guard(command: ValidCommand, state: ModelState, context: CommandContext): void {
  if (command.type !== 'CreateThreatModel' && state.id === null) {
    throw new IllegalState('modelId', 'the threat model has not been created');
  }
  const permission = commandPermissions[command.type];
  const holders = rolesHolding(permission);
  if (!hasAnyRole(context, holders)) {
    throw new Forbidden(
      holders[holders.length - 1] ?? 'admin',
      permission === 'edit'
        ? `role(s) ${context.actor.roles.join(', ') || 'none'} may read the model but not change it`
        : `${command.type} needs the '${permission}' permission (role ${holders.join(' or ')}); the actor holds ${context.actor.roles.join(', ') || 'no role'}`,
    );
  }
  if (state.isFrozen && !commandsAllowedWhileFrozen.includes(command.type)) {
    throw new IllegalState(
      'version',
      `version ${state.currentVersion} is frozen and immutable; open a new draft to change the model`,
    );
  }
}

/**
 * Decides a command against the model state: validates the payload, checks role and
 * invariants, and returns the events or a typed error. Never throws a DomainError.
 */
export function decide(command: unknown, state: ModelState, context: CommandContext): DecideResult {
  const parsed = commandSchema.safeParse(command);
  if (!parsed.success) return { ok: false, error: validationErrorFromZod(parsed.error) };
  const valid = parsed.data;
  try {
    guard(valid, state, context);
    const handler = handlers[valid.type] as DecideHandler<ValidCommand>;
    return { ok: true, events: handler(valid, state, context) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}
