import { z } from 'zod';
import { idList, idText, requiredText } from '../text-limits.js';

export const recordAssumptionSchema = z.object({
  type: z.literal('RecordAssumption'),
  assumptionId: idText(),
  text: requiredText(),
});
export const withdrawAssumptionSchema = z.object({
  type: z.literal('WithdrawAssumption'),
  assumptionId: idText(),
});
export const excludeFromScopeSchema = z.object({
  type: z.literal('ExcludeFromScope'),
  exclusionId: idText(),
  text: requiredText(),
  /** Elements the exclusion concerns, if any (e.g. a lab whose internals are out of scope). */
  elementIds: idList().default([]),
});

export const scopeCommandSchemas = [
  recordAssumptionSchema,
  withdrawAssumptionSchema,
  excludeFromScopeSchema,
] as const;
export type RecordAssumption = z.infer<typeof recordAssumptionSchema>;
export type WithdrawAssumption = z.infer<typeof withdrawAssumptionSchema>;
export type ExcludeFromScope = z.infer<typeof excludeFromScopeSchema>;
export type ScopeCommand = RecordAssumption | WithdrawAssumption | ExcludeFromScope;
