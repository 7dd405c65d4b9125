import { z } from 'zod';
import { assetCommandSchemas } from './asset/commands.js';
import { attackTreeCommandSchemas } from './attack-tree/commands.js';
import { checklistCommandSchemas } from './checklist/commands.js';
import { decisionCommandSchemas } from './decision/commands.js';
import { elementCommandSchemas } from './element/commands.js';
import { flowCommandSchemas } from './flow/commands.js';
import { mitigationCommandSchemas } from './mitigation/commands.js';
import { modelCommandSchemas } from './model/commands.js';
import { scopeCommandSchemas } from './scope/commands.js';
import { threatCommandSchemas } from './threat/commands.js';
import { versionCommandSchemas } from './version/commands.js';
import { zoneCommandSchemas } from './zone/commands.js';

/** Schema of every command the threat-model aggregate accepts, discriminated by `type`. */
export const commandSchema = z.discriminatedUnion('type', [
  ...modelCommandSchemas,
  ...zoneCommandSchemas,
  ...elementCommandSchemas,
  ...flowCommandSchemas,
  ...assetCommandSchemas,
  ...scopeCommandSchemas,
  ...threatCommandSchemas,
  ...mitigationCommandSchemas,
  ...decisionCommandSchemas,
  ...attackTreeCommandSchemas,
  ...versionCommandSchemas,
  ...checklistCommandSchemas,
]);

/** A command as a caller writes it (defaults may be omitted). */
export type Command = z.input<typeof commandSchema>;
/** A command after validation, with defaults filled in. */
export type ValidCommand = z.output<typeof commandSchema>;
export type CommandType = Command['type'];
