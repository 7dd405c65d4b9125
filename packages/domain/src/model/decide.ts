import { IllegalState } from '../errors.js';
import { defaultSettings } from './initial-state.js';
import { resolveSettings } from './settings.js';
import type { DecideHandlers } from './decider.js';
import { event, versionedEvent } from './event.js';
import type { ModelCommand } from './commands.js';

/** Decisions about the model itself: creation, renaming and its governing policy. */
export const modelDecide: DecideHandlers<ModelCommand> = {
  CreateThreatModel: (command, state, context) => {
    if (state.id !== null) throw new IllegalState('modelId', `model '${state.id}' already exists`);
    const settings = resolveSettings(command.settings ?? {}, defaultSettings(), 'settings');
    return [
      versionedEvent('ThreatModelCreated', 2, {
        modelId: command.modelId,
        systemId: command.systemId,
        organisationId: context.actor.organisationId,
        name: command.name,
        description: command.description,
        settings,
        createdBy: context.actor.userId,
        createdAt: context.now,
      }),
    ];
  },
  RenameThreatModel: (command) => [
    event('ThreatModelRenamed', {
      name: command.name,
      ...(command.description === undefined ? {} : { description: command.description }),
    }),
  ],
  // Who may change the policy (decide_risk) is checked by decide's guard, from the permission table.
  ChangeModelSettings: (command, state) => {
    const { type: _type, ...input } = command;
    return [
      versionedEvent('ModelSettingsChanged', 2, {
        settings: resolveSettings(input, state.settings, 'settings'),
      }),
    ];
  },
};
