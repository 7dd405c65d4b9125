import { NotFound } from '../errors.js';
import { definedOnly, type DecideHandlers } from '../model/decider.js';
import { event } from '../model/event.js';
import { requireUnusedId } from '../model/lookups.js';
import type { AssetCommand } from './commands.js';

/** Decisions about assets at stake. */
export const assetDecide: DecideHandlers<AssetCommand> = {
  AddAsset: (command, state) => {
    requireUnusedId(state.assets, command.assetId, 'asset', 'assetId');
    return [
      event('AssetAdded', {
        asset: {
          id: command.assetId,
          name: command.name,
          description: command.description,
          sensitivity: command.sensitivity,
          businessImpact: command.businessImpact ?? command.sensitivity,
        },
      }),
    ];
  },
  ChangeAsset: (command, state) => {
    if (!state.assets[command.assetId]) throw new NotFound('asset', command.assetId, 'assetId');
    const { type: _type, assetId, ...changes } = command;
    return [event('AssetChanged', { assetId, changes: definedOnly(changes) })];
  },
  RemoveAsset: (command, state) => {
    if (!state.assets[command.assetId]) throw new NotFound('asset', command.assetId, 'assetId');
    return [event('AssetRemoved', { assetId: command.assetId })];
  },
};
