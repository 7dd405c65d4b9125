import { CvssVectorError, parseCvssVector } from '@threatloom/scoring';
import { describe, expect, it } from 'vitest';
import { describeCvssVectorError } from './cvss-vector-message.js';

function messageFor(vector: string): string {
  try {
    parseCvssVector(vector);
  } catch (error) {
    if (error instanceof CvssVectorError) return describeCvssVectorError(error, vector);
    throw error;
  }
  throw new Error(`expected ${vector} to be rejected`);
}

const valid31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const valid40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

describe('describeCvssVectorError', () => {
  it('asks for a vector when nothing was pasted', () => {
    expect(messageFor('  ')).toMatch(
      /^Paste a vector string starting with CVSS:3\.0, CVSS:3\.1 or CVSS:4\.0/,
    );
  });

  it('names the prefix found when the vector does not start with CVSS:', () => {
    expect(messageFor('AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(
      "A vector starts with CVSS:3.0, CVSS:3.1 or CVSS:4.0; this one starts with 'AV:N'.",
    );
  });

  it('names an unsupported version', () => {
    expect(messageFor(valid31.replace('3.1', '2.0'))).toBe(
      "'CVSS:2.0' is not a version Threatloom scores: use CVSS:3.0, CVSS:3.1 or CVSS:4.0.",
    );
  });

  it('names a value a metric cannot take, with the metric’s full name and the values it can', () => {
    expect(messageFor(valid31.replace('AV:N', 'AV:Q'))).toBe(
      "Attack Vector (AV) cannot be 'Q': choose N (Network), A (Adjacent Network), L (Local) or P (Physical).",
    );
    expect(messageFor(valid40.replace('UI:N', 'UI:R'))).toBe(
      "User Interaction (UI) cannot be 'R': choose N (None), P (Passive) or A (Active).",
    );
  });

  it('names a missing base metric with its full name', () => {
    expect(messageFor(valid40.replace('/AT:N', ''))).toBe(
      'Attack Requirements (AT) is missing: every base metric is required (N (None) or P (Present)).',
    );
  });

  it('names a metric that does not belong to the version', () => {
    expect(messageFor(`${valid31}/AT:N`)).toBe("'AT' is not a CVSS 3.1 metric (found 'AT:N').");
  });

  it('names a metric given twice', () => {
    expect(messageFor(`${valid31}/AV:L`)).toBe(
      "Attack Vector (AV) is given more than once (again as 'L'); give each metric once.",
    );
  });

  it('names a component that is not METRIC:VALUE', () => {
    expect(messageFor(valid31.replace('AC:L', 'ACL'))).toBe(
      "'ACL' is not a METRIC:VALUE pair; separate metrics with a slash, as in AV:N/AC:L.",
    );
  });

  it('uses the metric names of the vector’s own version', () => {
    expect(messageFor(`${valid40}/S:C`)).toBe(
      "Safety (S) cannot be 'C': choose X (Not Defined), N (Negligible) or P (Present).",
    );
    expect(messageFor(valid31.replace('S:U', 'S:P'))).toBe(
      "Scope (S) cannot be 'P': choose U (Unchanged) or C (Changed).",
    );
  });
});
