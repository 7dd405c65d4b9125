import { z } from 'zod';
import { idText } from '../text-limits.js';

/** STRIDE categories, spelled as the GenomeWell register spells them. */
export const strideCategorySchema = z.enum([
  'spoofing',
  'tampering',
  'repudiation',
  'information_disclosure',
  'denial_of_service',
  'elevation_of_privilege',
]);
export type StrideCategory = z.infer<typeof strideCategorySchema>;

/** LINDDUN privacy categories, the optional second lens on a threat. */
export const linddunCategorySchema = z.enum([
  'linking',
  'identifying',
  'non_repudiation',
  'detecting',
  'data_disclosure',
  'unawareness',
  'non_compliance',
]);
export type LinddunCategory = z.infer<typeof linddunCategorySchema>;

export const elementKindSchema = z.enum(['external_entity', 'process', 'data_store']);
export type ElementKind = z.infer<typeof elementKindSchema>;

/** C4 level: context-level elements appear in both views, container-level ones only in the container view. */
export const c4LevelSchema = z.enum(['context', 'container']);
export type C4Level = z.infer<typeof c4LevelSchema>;

/**
 * Trust levels, least trusted first. The order is what matters: a flow whose
 * destination sits at a later level than its source crosses into a more trusted zone.
 */
export const trustLevels = [
  'untrusted',
  'low',
  'external',
  'partner',
  'trusted',
  'restricted',
] as const;
export const trustLevelSchema = z.enum(trustLevels);
export type TrustLevel = z.infer<typeof trustLevelSchema>;

export const sensitivitySchema = z.enum(['low', 'medium', 'high', 'critical']);
export type Sensitivity = z.infer<typeof sensitivitySchema>;

export const severitySchema = z.enum(['none', 'low', 'medium', 'high', 'critical']);

export const threatStatusSchema = z.enum([
  'open',
  'in_progress',
  'mitigated',
  'accepted',
  'transferred',
  'not_applicable',
]);
export type ThreatStatus = z.infer<typeof threatStatusSchema>;

export const strategySchema = z.enum(['eliminate', 'mitigate', 'accept', 'transfer']);
export type Strategy = z.infer<typeof strategySchema>;

export const mitigationStatusSchema = z.enum([
  'proposed',
  'open',
  'planned',
  'in_progress',
  'implemented',
  'verified',
  'accepted',
  'cancelled',
]);
export type MitigationStatus = z.infer<typeof mitigationStatusSchema>;

/** Feasibility of an attack step, least feasible first (order drives the attack-tree rule). */
export const feasibilityLevels = ['very_low', 'low', 'medium', 'high', 'very_high'] as const;
export const feasibilitySchema = z.enum(feasibilityLevels);
export type Feasibility = z.infer<typeof feasibilitySchema>;

/** What a threat, a "no threats" declaration or a suggestion concerns. */
export const targetKindSchema = z.enum(['element', 'flow']);
export type TargetKind = z.infer<typeof targetKindSchema>;
export const targetSchema = z.object({ kind: targetKindSchema, id: idText() });
export type Target = z.infer<typeof targetSchema>;

/** How much of a threat's risk a mitigation removes: a fraction 0-1 or a named level (scoring's scale). */
export const effectivenessSchema = z.union([
  z.number().min(0).max(1),
  z.enum(['none', 'low', 'medium', 'high', 'complete']),
]);
export type Effectiveness = z.infer<typeof effectivenessSchema>;
