import type { DecideHandlers } from '../model/decider.js';
import { event } from '../model/event.js';
import type { ChecklistCommand } from './commands.js';

/** Decisions about the closure checklist: reviewers' attestations. */
export const checklistDecide: DecideHandlers<ChecklistCommand> = {
  AttestChecklistItem: (command, _state, context) => {
    // Who may attest is the permission table's `attest` (checked before any handler runs).
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
