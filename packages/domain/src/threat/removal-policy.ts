import { z } from 'zod';
import { ValidationError } from '../errors.js';
import type { DomainEvent } from '../events.js';
import { event } from '../model/event.js';
import { requireTarget } from '../model/lookups.js';
import type { ModelState, Threat } from '../model/types.js';
import { targetSchema, type Target } from '../model/vocabulary.js';

/**
 * What happens to the threats of an element or flow being removed: removed with it,
 * moved to another element or flow, or kept without a target (the checklist then
 * reports them under traceability until someone re-targets them).
 */
export const threatsPolicySchema = z.discriminatedUnion('policy', [
  z.object({ policy: z.literal('remove') }),
  z.object({ policy: z.literal('reassign'), target: targetSchema }),
  z.object({ policy: z.literal('detach') }),
]);
export type ThreatsPolicy = z.infer<typeof threatsPolicySchema>;

/** Events that apply the policy to the threats of targets about to disappear. */
export function applyThreatsPolicy(
  state: ModelState,
  threats: readonly Threat[],
  policy: ThreatsPolicy,
  disappearing: readonly Target[],
): DomainEvent[] {
  if (policy.policy === 'reassign') {
    const target = policy.target;
    if (disappearing.some((gone) => gone.kind === target.kind && gone.id === target.id)) {
      throw new ValidationError(
        'threats.target',
        'an element or flow that stays in the model',
        `${target.kind} '${target.id}', which is being removed`,
      );
    }
    requireTarget(state, target, 'threats.target');
    return threats.map((threat) => event('ThreatRetargeted', { threatId: threat.id, target }));
  }
  if (policy.policy === 'detach') {
    return threats.map((threat) =>
      event('ThreatRetargeted', { threatId: threat.id, target: null }),
    );
  }
  return threats.map((threat) => event('ThreatRemoved', { threatId: threat.id }));
}
