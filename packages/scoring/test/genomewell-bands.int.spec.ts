import { describe, expect, it } from 'vitest';
import { defaultSeverityBands, validateSeverityBands } from '../src/index.js';
import { readSharedFixture } from './shared-fixtures.js';

describe('GenomeWell severity bands', () => {
  it('are the default bands, copied from the fixture', () => {
    const fixture = JSON.parse(readSharedFixture('genomewell.json')) as { severityBands: unknown };
    expect(validateSeverityBands(fixture.severityBands)).toEqual(defaultSeverityBands);
  });
});
