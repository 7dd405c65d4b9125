import { domainCommand } from '../model/typed-command.js';
import type { AddZoneInput, ChangeZoneInput, RemoveZoneInput } from './zone-command.inputs.js';

/** Builds the AddZone domain command. */
export function addZoneCommand(input: AddZoneInput): Record<string, unknown> {
  return domainCommand('AddZone', { ...input });
}

/** Builds the ChangeZone domain command; an explicit null parentZoneId moves the zone to the top. */
export function changeZoneCommand(input: ChangeZoneInput): Record<string, unknown> {
  return domainCommand('ChangeZone', { ...input }, ['parentZoneId']);
}

/** Builds the RemoveZone domain command. */
export function removeZoneCommand(input: RemoveZoneInput): Record<string, unknown> {
  return domainCommand('RemoveZone', { zoneId: input.zoneId });
}
