import {
  diffModels,
  type ModelContent,
  type ModelDiff,
  type ThreatScore,
} from '@threatloom/domain';

/** The kinds of entity a comparison lists, in the order the page shows them. */
export const comparedCollections = [
  'scores',
  'decisions',
  'threats',
  'mitigations',
  'zones',
  'elements',
  'flows',
  'assets',
] as const satisfies readonly (keyof ModelDiff)[];

export type ComparedCollection = (typeof comparedCollections)[number];

/** Each kind in words. */
export const comparedCollectionLabels: Record<ComparedCollection, string> = {
  scores: 'Scores',
  decisions: 'Risk decisions',
  threats: 'Threats',
  mitigations: 'Mitigations',
  zones: 'Trust zones',
  elements: 'Elements',
  flows: 'Data flows',
  assets: 'Assets',
};

/** One line of a comparison: an entity added, removed or changed between two points. */
export interface ComparedEntry {
  collection: ComparedCollection;
  id: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  /** The fields that differ, for a change. */
  fields: string[];
  /** Before → after, where it says more than the field names (scores, decisions). */
  detail: string | null;
  /** Scores and risk decisions: what an auditor looks at first. */
  isHighlighted: boolean;
}

function threatName(content: ModelContent, threatId: string): string {
  const threat = content.threats[threatId];
  return threat === undefined ? `threat ${threatId}` : `T-${threat.ref} ${threat.title}`;
}

/** A score in words: "9.8 Critical", "High (OWASP)", "stated: High". */
export function scoreWords(score: ThreatScore | null | undefined): string {
  if (score === null || score === undefined) return 'no score';
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  if (score.severity === null)
    return `stated: ${[score.stated.score, score.stated.severity && capital(score.stated.severity)].filter((part) => part !== null).join(' ') || 'unrated'}`;
  const severity = capital(score.severity);
  return score.score === null
    ? `${severity} (${score.method.toUpperCase()})`
    : `${score.score} ${severity}`;
}

function nameOf(content: ModelContent, collection: ComparedCollection, id: string): string {
  switch (collection) {
    case 'scores':
    case 'threats':
      return threatName(content, id);
    case 'decisions': {
      const decision = content.decisions[id];
      if (decision === undefined) return `decision ${id}`;
      const kind = decision.kind === 'transfer' ? 'Transfer' : 'Acceptance';
      return `${kind} of ${threatName(content, decision.threatId)}`;
    }
    case 'mitigations':
      return content.mitigations[id]?.action ?? `mitigation ${id}`;
    default:
      return content[collection][id]?.name ?? id;
  }
}

function detailOf(
  before: ModelContent,
  after: ModelContent,
  collection: ComparedCollection,
  id: string,
): string | null {
  if (collection === 'scores')
    return `${scoreWords(before.threats[id]?.score)} → ${scoreWords(after.threats[id]?.score)}`;
  if (collection === 'decisions') {
    const decision = after.decisions[id] ?? before.decisions[id];
    if (decision === undefined) return null;
    if (decision.revoked !== null && before.decisions[id]?.revoked === null)
      return `revoked: ${decision.revoked.reason}`;
    return decision.rationale;
  }
  return null;
}

/**
 * What changed from `before` to `after`, entity by entity (the domain's own
 * diff), named from the side where each entity exists.
 */
export function compareContents(before: ModelContent, after: ModelContent): ComparedEntry[] {
  const diff = diffModels(before, after);
  const entries: ComparedEntry[] = [];
  for (const collection of comparedCollections) {
    const { added, removed, changed } = diff[collection];
    const isHighlighted = collection === 'scores' || collection === 'decisions';
    const line = (
      id: string,
      change: ComparedEntry['change'],
      fields: string[],
      named: ModelContent,
    ): ComparedEntry => ({
      collection,
      id,
      name: nameOf(named, collection, id),
      change,
      fields,
      detail: detailOf(before, after, collection, id),
      isHighlighted,
    });
    for (const id of added) entries.push(line(id, 'added', [], after));
    for (const id of removed) entries.push(line(id, 'removed', [], before));
    for (const entry of changed) entries.push(line(entry.id, 'changed', entry.fields, after));
  }
  return entries;
}

/** How much changed, by kind, in words: "2 scores, 1 risk decision, 3 elements" (empty: nothing). */
export function changeCounts(entries: readonly ComparedEntry[]): string {
  const singular: Record<ComparedCollection, [string, string]> = {
    scores: ['score', 'scores'],
    decisions: ['risk decision', 'risk decisions'],
    threats: ['threat', 'threats'],
    mitigations: ['mitigation', 'mitigations'],
    zones: ['trust zone', 'trust zones'],
    elements: ['element', 'elements'],
    flows: ['data flow', 'data flows'],
    assets: ['asset', 'assets'],
  };
  return comparedCollections
    .map((collection) => {
      const count = entries.filter((entry) => entry.collection === collection).length;
      const [one, many] = singular[collection];
      return count === 0 ? '' : `${count} ${count === 1 ? one : many}`;
    })
    .filter((part) => part !== '')
    .join(', ');
}
