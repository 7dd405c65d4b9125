import type { CollabModel } from '@threatloom/collab';
import { closureChecklist, type ChecklistResult, type ModelContent } from '@threatloom/domain';

/** The checklist as the open doc gives it, or why it cannot be computed here. */
export type LiveChecklist =
  | { kind: 'ready'; result: ChecklistResult }
  /** The server has not written the model's settings into the doc yet. */
  | { kind: 'waiting' }
  /** The doc holds something the checklist cannot read (an edit half-way through, ...). */
  | { kind: 'unreadable'; reason: string };

function recordOf<T>(value: Record<string, T> | undefined): Record<string, T> {
  return value !== null && typeof value === 'object' ? value : {};
}

/**
 * The domain content a doc's model stands for (what `contentOf` gives a
 * replayed state), or null while the governed content (settings) is not in
 * the doc yet. A collection the doc lacks is read as empty.
 */
export function contentOfDocModel(model: CollabModel): ModelContent | null {
  const governed = model.governed ?? {};
  if (!governed.settings) return null;
  return {
    name: typeof model.name === 'string' ? model.name : '',
    description: typeof model.description === 'string' ? model.description : '',
    settings: governed.settings,
    zones: recordOf(model.zones),
    elements: recordOf(model.elements),
    flows: recordOf(model.flows),
    assets: recordOf(model.assets),
    assumptions: recordOf(model.assumptions),
    scopeExclusions: recordOf(model.scopeExclusions),
    threats: recordOf(model.threats),
    mitigations: recordOf(model.mitigations),
    decisions: recordOf(governed.decisions),
    attackTrees: recordOf(model.attackTrees),
    noThreats: recordOf(governed.noThreats),
    externalValidation: governed.externalValidation ?? null,
    attestations: recordOf(governed.attestations),
  };
}

/**
 * The closure checklist of the doc's model at `asOf` (decisions expired by
 * then count as lapsed, as the server counts them). Never throws: a doc the
 * domain cannot read gives `unreadable`, for the caller to ask the server.
 */
export function liveChecklist(model: CollabModel, asOf: string): LiveChecklist {
  const content = contentOfDocModel(model);
  if (content === null) return { kind: 'waiting' };
  try {
    return { kind: 'ready', result: closureChecklist(content, { asOf }) };
  } catch (error) {
    return { kind: 'unreadable', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** True when the model has nothing to check yet: no element, flow, zone or threat. */
export function isEmptyModel(model: CollabModel): boolean {
  return (
    Object.keys(recordOf(model.elements)).length === 0 &&
    Object.keys(recordOf(model.flows)).length === 0 &&
    Object.keys(recordOf(model.zones)).length === 0 &&
    Object.keys(recordOf(model.threats)).length === 0
  );
}
