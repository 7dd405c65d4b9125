import type { ChecklistItem, ChecklistItemId } from '@threatloom/domain';

/** How a status reads: a word and an icon always, a tone for colour on top of them. */
export interface StatusPresentation {
  word: string;
  icon: 'check' | 'cross' | 'question' | 'refresh';
  tone: 'ok' | 'danger' | 'warning';
}

/** The word, icon and tone of an item's status; colour is never the only signal. */
export function statusPresentation(item: Pick<ChecklistItem, 'status'>): StatusPresentation {
  switch (item.status) {
    case 'pass':
      return { word: 'Passes', icon: 'check', tone: 'ok' };
    case 'attested':
      return { word: 'Attested', icon: 'check', tone: 'ok' };
    case 'finding':
      return { word: 'Fails', icon: 'cross', tone: 'danger' };
    case 'stale':
      return { word: 'Needs attestation again', icon: 'refresh', tone: 'warning' };
    case 'not_attested':
      return { word: 'Needs attestation', icon: 'question', tone: 'warning' };
  }
}

/** A short name of each item and, in plain words, what fixes a failure. */
export const itemGuides: Record<ChecklistItemId, { name: string; fix: string }> = {
  completeness: {
    name: 'Completeness',
    fix: 'Add a threat to each one listed, declare that it has none (with a reason), or exclude it from scope.',
  },
  clarity: {
    name: 'Clarity',
    fix: 'A reviewer reads the threats and mitigations and records whether they are stated clearly.',
  },
  specificity: {
    name: 'Specificity',
    fix: 'A reviewer records whether the threats and mitigations are about this system, not generic.',
  },
  traceability: {
    name: 'Traceability',
    fix: 'Tie each threat to an element or flow; give each Critical, High or unscored threat a mitigation or a risk decision, and link its mitigations to tickets.',
  },
  consistency: {
    name: 'Consistency',
    fix: 'Renumber duplicated threats and make stated scores agree with their vectors.',
  },
  'roles-and-ownership': {
    name: 'Roles and ownership',
    fix: 'Name an owner for each listed mitigation, or record a risk decision for the threat.',
  },
  assumptions: {
    name: 'Assumptions',
    fix: 'Record at least one assumption or scope exclusion of the model.',
  },
  rationales: {
    name: 'Rationales',
    fix: 'Give each risk decision a rationale, renew expired ones, and back each planned acceptance or transfer with a decision.',
  },
  'external-validation': {
    name: 'External validation',
    fix: 'Plan a review of the model by someone outside the team.',
  },
  'scoring-coverage': {
    name: 'Scoring coverage',
    fix: 'Score each threat listed (or mark it not applicable).',
  },
};

/** Items a reviewer attests rather than the model decides. */
export function isAttestedItem(id: ChecklistItemId): id is 'clarity' | 'specificity' {
  return id === 'clarity' || id === 'specificity';
}
