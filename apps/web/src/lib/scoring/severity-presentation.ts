import type { Severity } from '@threatloom/scoring';

/** How a severity looks wherever it is shown: its word and its colours. */
export interface SeverityAppearance {
  readonly label: string;
  /** Background of a badge or matrix cell. */
  readonly paper: string;
  /** Text on `paper`; at least 4.5:1 against it. */
  readonly ink: string;
  /** Edge and marker colour. */
  readonly edge: string;
}

// One place for the severity colours, so tables, badges and the matrix agree.
// The word is always shown with them: colour is never the only signal.
export const severityAppearance: Readonly<Record<Severity, SeverityAppearance>> = {
  none: { label: 'None', paper: '#eef0f3', ink: '#3e4856', edge: '#8a96a6' },
  low: { label: 'Low', paper: '#e3f1e6', ink: '#1d5e33', edge: '#2f8a4d' },
  medium: { label: 'Medium', paper: '#fff4c2', ink: '#614700', edge: '#c99a00' },
  high: { label: 'High', paper: '#ffe6d1', ink: '#873600', edge: '#d9570d' },
  critical: { label: 'Critical', paper: '#fde2e1', ink: '#8a1414', edge: '#b42318' },
};

/** What a threat with no score shows in place of a severity. */
export const unscoredAppearance: SeverityAppearance = {
  label: 'Unscored',
  paper: '#ffffff',
  ink: '#4f5b6b',
  edge: '#8a96a6',
};

/** The appearance of a severity, or of "unscored" for null. */
export function appearanceOf(severity: Severity | null): SeverityAppearance {
  return severity === null ? unscoredAppearance : severityAppearance[severity];
}

/** CSS custom properties carrying an appearance, for a `style` attribute. */
export function severityStyle(severity: Severity | null): string {
  const appearance = appearanceOf(severity);
  return `--severity-paper: ${appearance.paper}; --severity-ink: ${appearance.ink}; --severity-edge: ${appearance.edge};`;
}
