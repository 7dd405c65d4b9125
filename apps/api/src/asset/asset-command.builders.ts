import type { AddAssetInput, ChangeAssetInput, RemoveAssetInput } from './asset-command.inputs.js';
import { domainCommand } from '../model/typed-command.js';

/** Builds the AddAsset domain command. */
export function addAssetCommand(input: AddAssetInput): Record<string, unknown> {
  return domainCommand('AddAsset', { ...input });
}

/** Builds the ChangeAsset domain command. */
export function changeAssetCommand(input: ChangeAssetInput): Record<string, unknown> {
  return domainCommand('ChangeAsset', { ...input });
}

/** Builds the RemoveAsset domain command. */
export function removeAssetCommand(input: RemoveAssetInput): Record<string, unknown> {
  return domainCommand('RemoveAsset', { assetId: input.assetId });
}
