import { describe, expect, it } from 'vitest';
import { defaultSeverityBands, validateSeverityBands } from '../src/index.js';
import { readGenomeWell } from './fixtures/fixture-files.js';

describe('GenomeWell severity bands', () => {
  it('are the default bands, copied from the fixture', () => {
    const fixture = JSON.parse(readGenomeWell()) as { severityBands: unknown };
    expect(validateSeverityBands(fixture.severityBands)).toEqual(defaultSeverityBands);
  });
});
