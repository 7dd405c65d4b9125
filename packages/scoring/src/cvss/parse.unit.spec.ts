import { describe, expect, it } from 'vitest';
import { formatCvssVector, parseCvssVector } from './parse.js';
import { CvssVectorError } from './vector-error.js';

const valid31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const valid40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

function errorOf(vector: string): CvssVectorError {
  try {
    parseCvssVector(vector);
  } catch (error) {
    if (error instanceof CvssVectorError) return error;
    throw error;
  }
  throw new Error(`expected ${vector} to be rejected`);
}

describe('parseCvssVector', () => {
  describe('given a well-formed vector', () => {
    it('reads the version from the prefix', () => {
      expect(parseCvssVector(valid31).version).toBe('3.1');
      expect(parseCvssVector(valid31.replace('3.1', '3.0')).version).toBe('3.0');
      expect(parseCvssVector(valid40).version).toBe('4.0');
    });

    it('accepts metrics in any order and lists them in the specification order', () => {
      const shuffled = 'CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N';
      expect(formatCvssVector(parseCvssVector(shuffled))).toBe(valid31);
    });

    it('drops metrics stated as Not Defined, since they score as if absent', () => {
      expect(formatCvssVector(parseCvssVector(`${valid31}/E:X/CR:X`))).toBe(valid31);
    });

    it('ignores surrounding whitespace', () => {
      expect(parseCvssVector(`  ${valid40}\n`).version).toBe('4.0');
    });

    it('keeps optional metrics that are defined', () => {
      const parsed = parseCvssVector(`${valid40}/E:A/MSI:S/U:Amber`);
      expect([...parsed.metrics.entries()].slice(-3)).toEqual([
        ['E', 'A'],
        ['MSI', 'S'],
        ['U', 'Amber'],
      ]);
    });
  });

  describe('given a malformed vector', () => {
    it('rejects an empty string', () => {
      const error = errorOf('   ');
      expect(error).toMatchObject({ problem: 'empty', field: 'vector', value: '' });
    });

    it('rejects a vector without the CVSS prefix, naming the prefix found', () => {
      const error = errorOf('AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
      expect(error).toMatchObject({ problem: 'bad-prefix', field: 'prefix', value: 'AV:N' });
      expect(error.message).toBe(
        "prefix: got 'AV:N', expected the vector to start with CVSS:3.0, CVSS:3.1, CVSS:4.0",
      );
    });

    it('rejects a lower-case prefix, because vector strings are case-sensitive', () => {
      expect(errorOf(valid31.toLowerCase())).toMatchObject({
        problem: 'bad-prefix',
        value: 'cvss:3.1',
      });
    });

    it('rejects an unsupported version', () => {
      const error = errorOf(valid31.replace('3.1', '2.0'));
      expect(error).toMatchObject({
        problem: 'unsupported-version',
        field: 'prefix',
        value: 'CVSS:2.0',
      });
      expect(error.expected).toBe('one of CVSS:3.0, CVSS:3.1, CVSS:4.0');
    });

    it('rejects a value outside the metric grammar, naming metric, value and the allowed values', () => {
      const error = errorOf(valid31.replace('AV:N', 'AV:X'));
      expect(error).toMatchObject({
        problem: 'invalid-value',
        field: 'AV',
        value: 'X',
        expected: 'one of N, A, L, P',
      });
      expect(error.message).toBe("AV: got 'X', expected one of N, A, L, P");
    });

    it('rejects a value that belongs to another version (4.0 UI:P in a 3.1 vector)', () => {
      expect(errorOf(valid31.replace('UI:N', 'UI:P'))).toMatchObject({
        field: 'UI',
        value: 'P',
        expected: 'one of N, R',
      });
    });

    it('rejects a missing mandatory base metric, naming it and its values', () => {
      const error = errorOf('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H');
      expect(error).toMatchObject({
        problem: 'missing-metric',
        field: 'A',
        value: null,
        expected: 'H, L, N',
      });
      expect(error.message).toBe('A: missing mandatory metric, expected one of H, L, N');
    });

    it('reports the first missing base metric in specification order', () => {
      expect(errorOf('CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N').field).toBe('AT');
    });

    it('rejects a metric given twice, even with the same value', () => {
      const error = errorOf(`${valid31}/AV:N`);
      expect(error).toMatchObject({ problem: 'duplicate-metric', field: 'AV', value: 'N' });
      expect(error.expected).toBe("AV at most once (first given as 'N')");
    });

    it('rejects a metric unknown to the version, listing the metrics it knows', () => {
      const error = errorOf(`${valid31}/AT:N`);
      expect(error).toMatchObject({ problem: 'unknown-metric', field: 'AT', value: 'N' });
      expect(error.expected).toContain('a CVSS:3.1 metric (AV, AC, PR, UI, S, C, I, A, E, RL, RC');
    });

    it('rejects the 3.x Scope metric in a 4.0 vector when its value is not a Safety value', () => {
      expect(errorOf(`${valid40}/S:U`)).toMatchObject({
        field: 'S',
        value: 'U',
        expected: 'one of X, N, P',
      });
    });

    it('rejects a component without a colon', () => {
      expect(errorOf(`${valid31}/E`)).toMatchObject({
        problem: 'malformed-component',
        field: 'vector',
        value: 'E',
      });
    });

    it('rejects an empty component from a doubled or trailing slash', () => {
      expect(errorOf(`${valid31}/`)).toMatchObject({ problem: 'malformed-component', value: '' });
      expect(errorOf(valid31.replace('/AC', '//AC'))).toMatchObject({
        problem: 'malformed-component',
        value: '',
      });
    });

    it('rejects a component with an empty value', () => {
      expect(errorOf(valid31.replace('AV:N', 'AV:'))).toMatchObject({
        problem: 'malformed-component',
        value: 'AV:',
      });
    });

    it('is a validation error, so callers map it like any other bad input', () => {
      expect(errorOf('nonsense')).toMatchObject({ code: 'VALIDATION', name: 'CvssVectorError' });
    });
  });
});
