import { defaultSettings } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import { severityPolicy, statedScoreSeverity } from './severity-policy.js';
import { appearanceOf, severityAppearance, severityStyle } from './severity-presentation.js';

describe('severityPolicy', () => {
  it('gives the band’s range and policy, and asks for approval at and above the threshold', () => {
    const settings = { ...defaultSettings(), approvalThreshold: 'high' as const };
    expect(severityPolicy('high', settings)).toMatchObject({
      range: '7.0-8.9',
      policy: 'Plan mitigation in the current cycle',
      needsApproval: true,
    });
    expect(severityPolicy('critical', settings).approval).toMatch(
      /risk owner's approval \(High and above\)/,
    );
    expect(severityPolicy('medium', settings)).toMatchObject({
      needsApproval: false,
      range: '4.0-6.9',
    });
    expect(severityPolicy('medium', settings).approval).toMatch(
      /without a risk owner's approval \(needed from High up\)/,
    );
  });

  it('follows the model’s own threshold and bands', () => {
    const settings = {
      ...defaultSettings(),
      approvalThreshold: 'medium' as const,
      severityBands: defaultSettings().severityBands.map((band) =>
        band.severity === 'medium' ? { ...band, policy: 'Fix within 90 days' } : band,
      ),
    };
    expect(severityPolicy('medium', settings)).toMatchObject({
      policy: 'Fix within 90 days',
      needsApproval: true,
    });
  });

  it('has no band and needs no approval for a severity of none', () => {
    expect(severityPolicy('none', defaultSettings())).toMatchObject({
      band: null,
      range: null,
      needsApproval: false,
      policy: 'No risk: below every severity band.',
    });
  });

  it('maps a stated figure to its band', () => {
    expect(statedScoreSeverity(7.2, defaultSettings())).toBe('high');
    expect(statedScoreSeverity(0, defaultSettings())).toBe('none');
  });
});

describe('severity appearance', () => {
  // WCAG relative luminance and contrast ratio, to keep every badge readable.
  function luminance(hex: string): number {
    const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
    const [r = 0, g = 0, b = 0] = channels.map((c) =>
      c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
    );
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function contrast(a: string, b: string): number {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  }

  it('gives every severity a word and ink readable on its paper (at least 4.5:1)', () => {
    for (const [severity, appearance] of Object.entries(severityAppearance)) {
      expect(appearance.label.toLowerCase()).toBe(severity);
      expect(contrast(appearance.ink, appearance.paper), severity).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(appearanceOf(null).ink, appearanceOf(null).paper)).toBeGreaterThanOrEqual(4.5);
  });

  it('shows an unscored threat as such', () => {
    expect(appearanceOf(null).label).toBe('Unscored');
    expect(severityStyle('critical')).toContain('--severity-ink: #8a1414');
  });
});
