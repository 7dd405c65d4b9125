import {
  commandSchema,
  validationErrorFromZod,
  type MitigationStatus,
  type Strategy,
} from '@threatloom/domain';

/** What the mitigation form holds, as the person typed it. */
export interface MitigationDraft {
  action: string;
  strategies: Strategy[];
  owner: string;
  status: MitigationStatus;
  dueDate: string;
  verification: string;
  ticketUrl: string;
}

/** A fresh draft: mitigate, planned, nothing else filled in. */
export function emptyMitigationDraft(): MitigationDraft {
  return {
    action: '',
    strategies: ['mitigate'],
    owner: '',
    status: 'planned',
    dueDate: '',
    verification: '',
    ticketUrl: '',
  };
}

/** The fields of a mitigation the doc holds, from a draft (blank optional fields become null). */
export interface MitigationFields {
  threatIds: string[];
  strategies: Strategy[];
  action: string;
  owner: string | null;
  status: MitigationStatus;
  dueDate: string | null;
  verification: string | null;
  ticketUrl: string | null;
  effectiveness: null;
  residualRisk: null;
}

function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * Checks a draft with the domain's own rules for planning a mitigation, so
 * the form says what is wrong before anything is sent: the fields, or the
 * problems by field (`action`, `dueDate`, `ticketUrl`, ...).
 */
export function checkMitigationDraft(
  draft: MitigationDraft,
  threatIds: string[],
): { ok: true; fields: MitigationFields } | { ok: false; problems: Record<string, string> } {
  const fields: MitigationFields = {
    threatIds,
    strategies: draft.strategies,
    action: draft.action.trim(),
    owner: orNull(draft.owner),
    status: draft.status,
    dueDate: orNull(draft.dueDate),
    verification: orNull(draft.verification),
    ticketUrl: orNull(draft.ticketUrl),
    effectiveness: null,
    residualRisk: null,
  };
  const parsed = commandSchema.safeParse({
    type: 'PlanMitigation',
    mitigationId: 'draft',
    ...fields,
  });
  if (parsed.success) return { ok: true, fields };
  const error = validationErrorFromZod(parsed.error);
  const problems: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.field.split('.')[0] ?? issue.field;
    problems[field] ??= `Expected ${issue.expected}.`;
  }
  return { ok: false, problems };
}
