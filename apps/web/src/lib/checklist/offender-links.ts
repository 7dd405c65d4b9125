import type { CollabModel } from '@threatloom/collab';
import type { ChecklistOffender } from '@threatloom/domain';
import type { SelectedItem } from '../diagram/selection.js';

/** Where an offender is fixed: the view to open and what to select there. */
export interface OffenderLink {
  href: string;
  selection: SelectedItem[];
  /** The view's name, for the link's words ("Show on the diagram"). */
  view: 'diagram' | 'threats';
}

/**
 * The link that takes a user from an offender to the view where it can be
 * fixed, with it selected: elements, flows and zones on the diagram; threats
 * and mitigations in the threat register; a risk decision as its threat.
 * Null for what no view selects (the model itself: assumptions, external
 * validation, an attestation), and for a decision whose threat is unknown.
 */
export function offenderLink(
  offender: ChecklistOffender,
  modelId: string,
  model: Pick<CollabModel, 'governed'>,
): OffenderLink | null {
  const base = `/models/${modelId}`;
  switch (offender.kind) {
    case 'element':
    case 'flow':
    case 'zone':
      return { href: base, selection: [{ kind: offender.kind, id: offender.id }], view: 'diagram' };
    case 'threat':
    case 'mitigation':
      return {
        href: `${base}/threats`,
        selection: [{ kind: offender.kind, id: offender.id }],
        view: 'threats',
      };
    case 'decision': {
      const threatId = model.governed?.decisions?.[offender.id]?.threatId;
      return threatId
        ? {
            href: `${base}/threats`,
            selection: [{ kind: 'threat', id: threatId }],
            view: 'threats',
          }
        : null;
    }
    default:
      return null;
  }
}

/** The first `limit` offenders, unless all are asked for, and how many are left out. */
export function shownOffenders<T>(
  offenders: readonly T[],
  showAll: boolean,
  limit: number,
): { shown: readonly T[]; hiddenCount: number } {
  if (showAll || offenders.length <= limit) return { shown: offenders, hiddenCount: 0 };
  return { shown: offenders.slice(0, limit), hiddenCount: offenders.length - limit };
}
