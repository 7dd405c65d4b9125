import { NotFound } from '../errors.js';
import { boundaryCrossing } from '../flow/crossing.js';
import type { ModelContent } from '../model/types.js';
import type { ElementKind, StrideCategory } from '../model/vocabulary.js';
import { strideCategories } from './categories.js';

/** STRIDE-per-element: which categories apply to each kind of element, with the reason. */
export const stridePerElement: Record<ElementKind, Partial<Record<StrideCategory, string>>> = {
  external_entity: {
    spoofing: 'an external entity can be impersonated',
    repudiation: 'an external entity can deny what it did',
  },
  process: {
    spoofing: 'a process can be impersonated',
    tampering: 'a process or its inputs can be altered',
    repudiation: 'a process can act without a trace',
    information_disclosure: 'a process can leak what it handles',
    denial_of_service: 'a process can be made unavailable',
    elevation_of_privilege: 'a process can be made to run with more rights than its caller',
  },
  data_store: {
    tampering: 'stored data can be altered',
    repudiation: 'a store that holds logs or audit trails can be made to lose the evidence',
    information_disclosure: 'stored data can be read by the wrong party',
    denial_of_service: 'a store can be filled up or made unavailable',
  },
};

/** STRIDE-per-element for data flows. */
export const stridePerFlow: Partial<Record<StrideCategory, string>> = {
  tampering: 'data in transit can be altered',
  information_disclosure: 'data in transit can be read',
  denial_of_service: 'a flow can be interrupted or flooded',
};

/**
 * Extra suggestions for a flow that carries data into a more trusted zone: the
 * receiving side must authenticate what crosses (S), and input from the less trusted
 * side is the classic path to privileges on the trusted side (E).
 */
export const strideForEnteringMoreTrustedZone: Partial<Record<StrideCategory, string>> = {
  spoofing: 'the flow enters a more trusted zone, so the receiver must know who is sending',
  elevation_of_privilege:
    'the flow enters a more trusted zone, so input from the less trusted side can be used to gain rights there',
};

/** Suggested categories for an element or flow, each with the rule that suggests it. */
export interface StrideSuggestion {
  targetKind: 'element' | 'flow';
  targetId: string;
  categories: StrideCategory[];
  reasons: Partial<Record<StrideCategory, string[]>>;
}

/** Suggests STRIDE categories for an element or flow by its kind and boundary crossing. */
export function suggestStrideCategories(content: ModelContent, targetId: string): StrideSuggestion {
  const reasons: Partial<Record<StrideCategory, string[]>> = {};
  const add = (rules: Partial<Record<StrideCategory, string>>) => {
    for (const [category, reason] of Object.entries(rules) as [StrideCategory, string][]) {
      (reasons[category] ??= []).push(reason);
    }
  };
  const element = content.elements[targetId];
  const flow = content.flows[targetId];
  let targetKind: 'element' | 'flow';
  if (element) {
    targetKind = 'element';
    add(stridePerElement[element.kind]);
  } else if (flow) {
    targetKind = 'flow';
    add(stridePerFlow);
    if (boundaryCrossing(content, flow).entersMoreTrustedZone)
      add(strideForEnteringMoreTrustedZone);
  } else {
    throw new NotFound('element or flow', targetId, 'targetId');
  }
  return {
    targetKind,
    targetId,
    categories: strideCategories.filter((category) => reasons[category] !== undefined),
    reasons,
  };
}
