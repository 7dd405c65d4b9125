import type { ModelContent, RiskDecision, ThreatScore } from '../model/types.js';

/** A changed entity: its id and the top-level fields whose values differ. */
export interface ChangedEntry {
  id: string;
  fields: string[];
}

export interface CollectionDiff {
  added: string[];
  removed: string[];
  changed: ChangedEntry[];
}

/** What changed between two model states, per kind. Scores are split out from threats. */
export interface ModelDiff {
  zones: CollectionDiff;
  elements: CollectionDiff;
  flows: CollectionDiff;
  assets: CollectionDiff;
  threats: CollectionDiff;
  /** Threat ids whose score was added, removed or changed. */
  scores: CollectionDiff;
  mitigations: CollectionDiff;
  decisions: CollectionDiff;
}

/** Structural equality of JSON-safe values (key order does not matter). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bKeys = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) =>
    sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

function diffCollection<T extends object>(
  before: Record<string, T>,
  after: Record<string, T>,
): CollectionDiff {
  const added = Object.keys(after).filter((id) => !Object.hasOwn(before, id));
  const removed = Object.keys(before).filter((id) => !Object.hasOwn(after, id));
  const changed: ChangedEntry[] = [];
  for (const [id, previous] of Object.entries(before)) {
    const next = after[id];
    if (next === undefined) continue;
    const keys = new Set([...Object.keys(previous), ...Object.keys(next)]);
    const fields = [...keys].filter(
      (key) =>
        !sameValue(
          (previous as Record<string, unknown>)[key],
          (next as Record<string, unknown>)[key],
        ),
    );
    if (fields.length > 0) changed.push({ id, fields: fields.sort() });
  }
  return { added, removed, changed };
}

function scoresOf(content: ModelContent): Record<string, { score: ThreatScore }> {
  const scores: Record<string, { score: ThreatScore }> = {};
  for (const threat of Object.values(content.threats)) {
    if (threat.score !== null) scores[threat.id] = { score: threat.score };
  }
  return scores;
}

function withoutScore(content: ModelContent) {
  return Object.fromEntries(
    Object.entries(content.threats).map(([id, { score: _score, ...rest }]) => [id, rest]),
  );
}

/** Computes what was added, removed or changed between two model states (or frozen snapshots). */
export function diffModels(before: ModelContent, after: ModelContent): ModelDiff {
  return {
    zones: diffCollection(before.zones, after.zones),
    elements: diffCollection(before.elements, after.elements),
    flows: diffCollection(before.flows, after.flows),
    assets: diffCollection(before.assets, after.assets),
    threats: diffCollection(withoutScore(before), withoutScore(after)),
    scores: diffCollection(scoresOf(before), scoresOf(after)),
    mitigations: diffCollection(before.mitigations, after.mitigations),
    decisions: diffCollection<RiskDecision>(before.decisions, after.decisions),
  };
}

/** Whether a diff records no change at all. */
export function isEmptyDiff(diff: ModelDiff): boolean {
  return Object.values(diff).every(
    (part: CollectionDiff) =>
      part.added.length === 0 && part.removed.length === 0 && part.changed.length === 0,
  );
}
