import type { ChecklistItemStatus } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import { isAttestedItem, statusPresentation } from './item-presentation.js';

describe('statusPresentation', () => {
  it.each<[ChecklistItemStatus, string, string]>([
    ['pass', 'Passes', 'check'],
    ['attested', 'Attested', 'check'],
    ['finding', 'Fails', 'cross'],
    ['not_attested', 'Needs attestation', 'question'],
    ['stale', 'Needs attestation again', 'refresh'],
  ])('names %s in words and with its own icon', (status, word, icon) => {
    expect(statusPresentation({ status })).toMatchObject({ word, icon });
  });

  it('gives passing and failing statuses different icons, not only different colours', () => {
    const icons = new Set(
      (['pass', 'finding', 'not_attested', 'stale'] as const).map(
        (status) => statusPresentation({ status }).icon,
      ),
    );
    expect(icons.size).toBe(4);
  });
});

describe('isAttestedItem', () => {
  it('is true for the items a reviewer attests', () => {
    expect(isAttestedItem('clarity')).toBe(true);
    expect(isAttestedItem('specificity')).toBe(true);
  });

  it('is false for computed items', () => {
    expect(isAttestedItem('completeness')).toBe(false);
  });
});
