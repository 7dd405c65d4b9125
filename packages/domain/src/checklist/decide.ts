import { Forbidden } from '../errors.js';
import { attestingRoles, hasAnyRole } from '../model/context.js';
import type { DecideHandlers } from '../model/decider.js';
import { event } from '../model/event.js';
import type { ChecklistCommand } from './commands.js';

/** Decisions about the closure checklist: reviewers' attestations. */
export const checklistDecide: DecideHandlers<ChecklistCommand> = {
  AttestChecklistItem: (command, _state, context) => {
    if (!hasAnyRole(context, attestingRoles)) {
      throw new Forbidden(
        'risk_owner',
        `attesting ${command.item} needs the owner's risk_owner or admin role, or an auditor share; role(s) ${context.actor.roles.join(', ') || 'none'} may not`,
      );
    }
    return [
      event('ChecklistItemAttested', {
        attestation: {
          item: command.item,
          verdict: command.verdict,
          note: command.note,
          attestedBy: {
            userId: context.actor.userId,
            email: context.actor.email ?? null,
            organisationId: context.actor.organisationId,
          },
          attestedAt: context.now,
        },
      }),
    ];
  },
};
