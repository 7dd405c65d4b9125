import type { AddElementInput } from './element-command.inputs.js';

/** Builds the AddElement domain command; absent optional fields are left to the domain's defaults. */
export function addElementCommand(input: AddElementInput): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    type: 'AddElement',
    elementId: input.elementId,
    kind: input.kind,
    name: input.name,
    description: input.description,
    technology: input.technology,
    zoneId: input.zoneId,
    c4Level: input.c4Level,
    tags: input.tags,
    layout: input.layout,
  };
  // GraphQL sends null for absent optionals; the domain's defaults apply only to missing keys.
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value != null));
}
