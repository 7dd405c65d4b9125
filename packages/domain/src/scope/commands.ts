import { z } from 'zod';

export const recordAssumptionSchema = z.object({
  type: z.literal('RecordAssumption'),
  assumptionId: z.string().min(1),
  text: z.string().min(1),
});
export const withdrawAssumptionSchema = z.object({
  type: z.literal('WithdrawAssumption'),
  assumptionId: z.string().min(1),
});
export const excludeFromScopeSchema = z.object({
  type: z.literal('ExcludeFromScope'),
  exclusionId: z.string().min(1),
  text: z.string().min(1),
  /** Elements the exclusion concerns, if any (e.g. a lab whose internals are out of scope). */
  elementIds: z.array(z.string().min(1)).default([]),
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
