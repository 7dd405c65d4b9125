import { describe, expect, it } from 'vitest';
import { scoreThreatInputField } from './threat-command.builders.js';

describe('scoreThreatInputField', () => {
  it.each([
    ['method.vector.AV', 'input.vector.AV'],
    ['method.method', 'input.method'],
    ['method.factors.skillLevel', 'input.factors.skillLevel'],
    ['stated.score', 'input.statedScore'],
    ['stated.severity', 'input.statedSeverity'],
    ['threatId', 'input.threatId'],
  ])('places the domain field %s at %s', (domainField, typedField) => {
    expect(scoreThreatInputField(domainField)).toBe(typedField);
  });
});
