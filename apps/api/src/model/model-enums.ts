import { registerEnumType } from '@nestjs/graphql';
import {
  attestableChecklistItemSchema,
  attestationVerdictSchema,
  c4LevelSchema,
  elementKindSchema,
  feasibilitySchema,
  linddunCategorySchema,
  mitigationStatusSchema,
  sensitivitySchema,
  severitySchema,
  strategySchema,
  strideCategorySchema,
  targetKindSchema,
  threatStatusSchema,
  trustLevelSchema,
} from '@threatloom/domain';

/**
 * GraphQL enums for the domain's closed vocabularies. Each value is spelled as
 * the domain spells it (`information_disclosure`, `in_progress`), so what a
 * client sends is what the model stores and the lists return.
 */
function enumOf<const Value extends string>(values: readonly Value[]): { [K in Value]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in Value]: K };
}

export const TrustLevel = enumOf(trustLevelSchema.options);
export const ElementKind = enumOf(elementKindSchema.options);
export const C4Level = enumOf(c4LevelSchema.options);
export const Sensitivity = enumOf(sensitivitySchema.options);
export const Severity = enumOf(severitySchema.options);
/** The severities a band or an approval threshold may name ('none' is no band). */
export const BandSeverity = enumOf(['low', 'medium', 'high', 'critical'] as const);
export const StrideCategory = enumOf(strideCategorySchema.options);
export const LinddunCategory = enumOf(linddunCategorySchema.options);
export const ThreatStatus = enumOf(threatStatusSchema.options);
export const TargetKind = enumOf(targetKindSchema.options);
/** What a "no threats" declaration concerns: zones as well as elements and flows. */
export const NoThreatsTargetKind = enumOf(['element', 'flow', 'zone'] as const);
export const ThreatsPolicy = enumOf(['remove', 'reassign', 'detach'] as const);
export const ScoreMethod = enumOf(['cvss', 'owasp', 'matrix', 'stated'] as const);
export const Strategy = enumOf(strategySchema.options);
export const MitigationStatus = enumOf(mitigationStatusSchema.options);
export const EffectivenessLevel = enumOf(['none', 'low', 'medium', 'high', 'complete'] as const);
export const Feasibility = enumOf(feasibilitySchema.options);
export const AttackTreeGate = enumOf(['and', 'or'] as const);
export const AttackTreeNodeKind = enumOf(['and', 'or', 'leaf'] as const);
export const AttestableChecklistItem = enumOf(attestableChecklistItemSchema.options);
export const AttestationVerdict = enumOf(attestationVerdictSchema.options);
export const ChecklistItemStatus = enumOf([
  'pass',
  'finding',
  'attested',
  'stale',
  'not_attested',
] as const);

registerEnumType(TrustLevel, {
  name: 'TrustLevel',
  description: 'Trust of a zone, least trusted first.',
});
registerEnumType(ElementKind, { name: 'ElementKind' });
registerEnumType(C4Level, { name: 'C4Level' });
registerEnumType(Sensitivity, { name: 'Sensitivity' });
registerEnumType(Severity, { name: 'Severity' });
registerEnumType(BandSeverity, { name: 'BandSeverity' });
registerEnumType(StrideCategory, { name: 'StrideCategory' });
registerEnumType(LinddunCategory, { name: 'LinddunCategory' });
registerEnumType(ThreatStatus, { name: 'ThreatStatus' });
registerEnumType(TargetKind, { name: 'TargetKind' });
registerEnumType(NoThreatsTargetKind, { name: 'NoThreatsTargetKind' });
registerEnumType(ThreatsPolicy, {
  name: 'ThreatsPolicy',
  description:
    'What happens to the threats of a removed element or flow: removed, reassigned to `target`, or detached.',
});
registerEnumType(ScoreMethod, { name: 'ScoreMethod' });
registerEnumType(Strategy, { name: 'Strategy' });
registerEnumType(MitigationStatus, { name: 'MitigationStatus' });
registerEnumType(EffectivenessLevel, {
  name: 'EffectivenessLevel',
  description: "A named mitigation effectiveness on scoring's scale.",
});
registerEnumType(Feasibility, { name: 'Feasibility', description: 'Least feasible first.' });
registerEnumType(AttackTreeGate, { name: 'AttackTreeGate' });
registerEnumType(AttackTreeNodeKind, { name: 'AttackTreeNodeKind' });
registerEnumType(AttestableChecklistItem, {
  name: 'AttestableChecklistItem',
  description: 'Checklist items a named reviewer attests; the others are computed.',
});
registerEnumType(AttestationVerdict, { name: 'AttestationVerdict' });
registerEnumType(ChecklistItemStatus, {
  name: 'ChecklistItemStatus',
  description:
    'pass or finding for computed items; attested, finding (failing verdict), stale (threats or mitigations changed since) or not_attested for attested items.',
});
