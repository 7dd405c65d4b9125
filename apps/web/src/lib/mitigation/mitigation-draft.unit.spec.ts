import { describe, expect, it } from 'vitest';
import { checkMitigationDraft, emptyMitigationDraft } from './mitigation-draft.js';

describe('checkMitigationDraft', () => {
  it('turns a filled-in draft into the doc fields, blank optional fields as null', () => {
    const result = checkMitigationDraft(
      {
        ...emptyMitigationDraft(),
        action: ' Rotate partner tokens every 24 h ',
        owner: 'Platform team',
      },
      ['t1'],
    );
    expect(result).toEqual({
      ok: true,
      fields: {
        threatIds: ['t1'],
        strategies: ['mitigate'],
        action: 'Rotate partner tokens every 24 h',
        owner: 'Platform team',
        status: 'planned',
        dueDate: null,
        verification: null,
        ticketUrl: null,
        effectiveness: null,
        residualRisk: null,
      },
    });
  });

  it('names each field the domain refuses', () => {
    const result = checkMitigationDraft(
      {
        ...emptyMitigationDraft(),
        action: '  ',
        dueDate: '31/12/2026',
        ticketUrl: 'jira:ABC-1',
        strategies: [],
      },
      ['t1'],
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.problems).sort()).toEqual([
      'action',
      'dueDate',
      'strategies',
      'ticketUrl',
    ]);
    expect(result.problems['dueDate']).toMatch(/date/);
  });
});
