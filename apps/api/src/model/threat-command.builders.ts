import type { IdentifyThreatInput, ScoreThreatInput } from './threat-command.inputs.js';

/** Builds the IdentifyThreat domain command; absent optional fields are left to the domain's defaults. */
export function identifyThreatCommand(input: IdentifyThreatInput): Record<string, unknown> {
  return withoutAbsent({
    type: 'IdentifyThreat',
    threatId: input.threatId,
    ref: input.ref,
    sourceRef: input.sourceRef,
    title: input.title,
    description: input.description,
    stride: input.stride,
    linddun: input.linddun,
    target: { kind: input.target.kind, id: input.target.id },
    assetIds: input.assetIds,
  });
}

/** Builds the ScoreThreat domain command; the method's own fields go into `method`, as the domain expects. */
export function scoreThreatCommand(input: ScoreThreatInput): Record<string, unknown> {
  const stated =
    input.statedScore == null && input.statedSeverity == null
      ? undefined
      : { score: input.statedScore ?? null, severity: input.statedSeverity ?? null };
  return withoutAbsent({
    type: 'ScoreThreat',
    threatId: input.threatId,
    method: withoutAbsent({
      method: input.method,
      vector: input.vector,
      factors: input.factors,
      likelihood: input.likelihood,
      impact: input.impact,
    }),
    stated,
  });
}

/** GraphQL sends null for absent optionals; the domain's defaults apply only to missing keys. */
function withoutAbsent(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value != null));
}
