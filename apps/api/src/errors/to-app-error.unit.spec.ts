import {
  ValidationError as DomainValidationError,
  IllegalState as DomainIllegalState,
} from '@threatloom/domain';
import { WrongExpectedVersion } from '@threatloom/eventstore';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { httpStatusByCode } from './error-codes.js';
import { toAppError } from './to-app-error.js';

describe('toAppError', () => {
  it('maps the event store WrongExpectedVersion to CONFLICT with both versions', () => {
    const mapped = toAppError(new WrongExpectedVersion('model-1', 3, 5));
    expect(mapped).toMatchObject({
      code: 'CONFLICT',
      details: { stream: 'model-1', expectedVersion: 3, actualVersion: 5 },
    });
    expect(httpStatusByCode.CONFLICT).toBe(409);
  });

  it('maps a domain validation error to VALIDATION keeping its field and expectation', () => {
    const mapped = toAppError(new DomainValidationError('trust', 'a trust level'));
    expect(mapped).toMatchObject({
      code: 'VALIDATION',
      field: 'trust',
      details: { expected: 'a trust level' },
    });
  });

  it('maps a domain illegal-state error to ILLEGAL_STATE', () => {
    expect(toAppError(new DomainIllegalState('version', 'frozen'))).toMatchObject({
      code: 'ILLEGAL_STATE',
      field: 'version',
    });
  });

  it('maps a zod error to VALIDATION naming the path under the input', () => {
    const result = z.object({ name: z.string() }).safeParse({ name: 1 });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(toAppError(result.error, 'input')).toMatchObject({
        code: 'VALIDATION',
        field: 'input.name',
      });
  });

  it('maps a database data exception (NUL in text) to a client error, not INTERNAL', () => {
    const nul = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
    });
    expect(toAppError(nul)).toMatchObject({ code: 'BAD_REQUEST' });
    const escape = Object.assign(new Error('unsupported Unicode escape sequence'), {
      code: '22P05',
    });
    expect(toAppError(escape)).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('keeps only what was expected in expected when an edge schema words it "expected ..."', () => {
    const result = z.object({ at: z.date({ error: 'expected an ISO 8601 date-time' }) }).safeParse({
      at: new Date('tomorrow'),
    });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(toAppError(result.error, 'input')).toMatchObject({
        field: 'input.at',
        details: { expected: 'an ISO 8601 date-time' },
      });
  });

  it('leaves unknown errors unmapped, so they are logged and answered as INTERNAL', () => {
    expect(toAppError(new TypeError('x is undefined'))).toBeNull();
  });
});
