import { describe, expect, it } from 'vitest';
import { decide, initialState, ValidationError } from './index.js';
import { editor, given, smallModelHistory } from '../test/support/scenario.js';

function refusal(command: unknown, state = given(smallModelHistory())): ValidationError {
  const result = decide(command, state, editor);
  if (result.ok || !(result.error instanceof ValidationError))
    throw new Error('expected a ValidationError');
  return result.error;
}

describe('validation messages', () => {
  it('says a missing field was expected and nothing was given', () => {
    const error = refusal(
      { type: 'CreateThreatModel', modelId: 'm', systemId: 's' },
      initialState(),
    );
    expect(error.message).toBe('name: expected a string, got nothing');
  });

  it('lists the allowed values of an enumeration', () => {
    expect(refusal({ type: 'AddZone', zoneId: 'z', name: 'Z', trust: 'medium' }).expected).toBe(
      'one of untrusted, low, external, partner, trusted, restricted',
    );
  });

  it('asks for a non-empty string rather than a character count', () => {
    expect(refusal({ type: 'RemoveZone', zoneId: '' }).expected).toBe('a non-empty string');
  });

  it('names the date format it wants', () => {
    expect(
      refusal({ type: 'PlanExternalValidation', reviewer: 'Acme', plannedFor: '1/5/2026' })
        .expected,
    ).toBe('a calendar date (YYYY-MM-DD)');
  });

  it('reports every problem of a command, the first one as its field', () => {
    const error = refusal({
      type: 'PlanMitigation',
      mitigationId: 'm',
      threatIds: [],
      strategies: ['ignore'],
      action: 'a',
      ticketUrl: 'not a url',
    });
    expect(error.field).toBe('threatIds');
    expect(error.issues.map((issue) => issue.field)).toEqual([
      'threatIds',
      'strategies.0',
      'ticketUrl',
    ]);
  });
});
