import { IllegalState, NotFound } from '../errors.js';
import type { DecideHandlers } from '../model/decider.js';
import { event } from '../model/event.js';
import type { VersionCommand } from './commands.js';

/** Decisions about the model's versions and its review. */
export const versionDecide: DecideHandlers<VersionCommand> = {
  FreezeModelVersion: (command, state, context) => [
    event('ModelVersionFrozen', {
      versionNumber: state.currentVersion,
      label: command.label,
      frozenBy: context.actor.userId,
      frozenAt: context.now,
    }),
  ],
  SignOffModelVersion: (command, state, context) => {
    const version = state.versions.find((v) => v.number === command.versionNumber);
    if (!version)
      throw new NotFound('frozen version', String(command.versionNumber), 'versionNumber');
    if (version.signedOff !== null) {
      throw new IllegalState(
        'versionNumber',
        `version ${version.number} was already signed off by ${version.signedOff.by}`,
      );
    }
    return [
      event('ModelVersionSignedOff', {
        versionNumber: version.number,
        signedOffBy: context.actor.userId,
        signedOffAt: context.now,
      }),
    ];
  },
  OpenModelDraft: (_command, state) => {
    if (!state.isFrozen) {
      throw new IllegalState('version', `version ${state.currentVersion} is already an open draft`);
    }
    return [event('ModelDraftOpened', { versionNumber: state.currentVersion + 1 })];
  },
  PlanExternalValidation: (command, _state, context) => [
    event('ExternalValidationPlanned', {
      validation: {
        reviewer: command.reviewer,
        plannedFor: command.plannedFor,
        scope: command.scope,
        plannedBy: context.actor.userId,
      },
    }),
  ],
};
