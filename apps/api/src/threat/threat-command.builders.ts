import type {
  ChangeThreatStatusInput,
  DeclareNoThreatsInput,
  IdentifyThreatInput,
  RemoveThreatInput,
  RetargetThreatInput,
  ReviseThreatInput,
  ScoreThreatInput,
  ThreatTargetInput,
  WithdrawNoThreatsInput,
} from './threat-command.inputs.js';
import { domainCommand, presentFields, refuseField } from '../model/typed-command.js';

function target(input: ThreatTargetInput): Record<string, unknown> {
  return { kind: input.kind, id: input.id };
}

/** Builds the IdentifyThreat domain command; absent optional fields are left to the domain's defaults. */
export function identifyThreatCommand(input: IdentifyThreatInput): Record<string, unknown> {
  return domainCommand('IdentifyThreat', { ...input, target: target(input.target) });
}

/** The fields each scoring method takes; any other method field is a wrong combination. */
const methodFields = {
  cvss: ['vector'],
  owasp: ['factors'],
  matrix: ['likelihood', 'impact'],
  stated: [],
} as const;

/** Builds the ScoreThreat domain command; the method's own fields go into `method`, as the domain expects. */
export function scoreThreatCommand(input: ScoreThreatInput): Record<string, unknown> {
  const allowed: readonly string[] = methodFields[input.method];
  for (const field of ['vector', 'factors', 'likelihood', 'impact'] as const) {
    if (input[field] != null && !allowed.includes(field)) {
      refuseField(field, `no ${field} when method is ${input.method}`);
    }
  }
  const stated =
    input.statedScore == null && input.statedSeverity == null
      ? undefined
      : { score: input.statedScore ?? null, severity: input.statedSeverity ?? null };
  return domainCommand('ScoreThreat', {
    threatId: input.threatId,
    method: presentFields({
      method: input.method,
      vector: input.vector,
      factors: input.factors,
      likelihood: input.likelihood,
      impact: input.impact,
    }),
    stated,
  });
}

/**
 * Where a ScoreThreat refusal lands in the flat typed input: `method.vector.AV`
 * is `input.vector.AV`, `method.method` is `input.method`, `stated.score` is
 * `input.statedScore`.
 */
export function scoreThreatInputField(domainField: string): string {
  const field = domainField
    .replace(/^method\.method$/, 'method')
    .replace(/^method\./, '')
    .replace(/^stated\.score/, 'statedScore')
    .replace(/^stated\.severity/, 'statedSeverity');
  return `input.${field}`;
}

/** Builds the ReviseThreat domain command; an explicit null linddun removes the category. */
export function reviseThreatCommand(input: ReviseThreatInput): Record<string, unknown> {
  return domainCommand('ReviseThreat', { ...input }, ['linddun']);
}

/** Builds the RetargetThreat domain command. */
export function retargetThreatCommand(input: RetargetThreatInput): Record<string, unknown> {
  return domainCommand('RetargetThreat', {
    threatId: input.threatId,
    target: target(input.target),
  });
}

/** Builds the ChangeThreatStatus domain command. */
export function changeThreatStatusCommand(input: ChangeThreatStatusInput): Record<string, unknown> {
  return domainCommand('ChangeThreatStatus', { ...input });
}

/** Builds the RemoveThreat domain command. */
export function removeThreatCommand(input: RemoveThreatInput): Record<string, unknown> {
  return domainCommand('RemoveThreat', { threatId: input.threatId });
}

/** Builds the DeclareNoThreats domain command. */
export function declareNoThreatsCommand(input: DeclareNoThreatsInput): Record<string, unknown> {
  return domainCommand('DeclareNoThreats', { ...input });
}

/** Builds the WithdrawNoThreats domain command. */
export function withdrawNoThreatsCommand(input: WithdrawNoThreatsInput): Record<string, unknown> {
  return domainCommand('WithdrawNoThreats', { ...input });
}
