import type { StatedScore } from '@threatloom/domain';
import { isSeverity, type Severity } from '@threatloom/scoring';

/** A stated score as typed: the figure as text and the severity, either may be empty. */
export interface StatedScoreDraft {
  readonly scoreText: string;
  readonly severity: Severity | '';
}

/** Reading a stated-score draft: the StatedScore (null when both parts are empty) or why not. */
export type StatedScoreReading =
  { ok: true; stated: StatedScore | null } | { ok: false; message: string };

/** A draft showing a recorded stated score. */
export function statedScoreDraftOf(stated: StatedScore | null): StatedScoreDraft {
  return {
    scoreText: stated?.score === null || stated?.score === undefined ? '' : String(stated.score),
    severity: stated?.severity ?? '',
  };
}

/**
 * Turns the typed text into a StatedScore. Only the figure's syntax is checked
 * here (a decimal number, point or comma); its range is the domain's to judge.
 */
export function readStatedScoreDraft(draft: StatedScoreDraft): StatedScoreReading {
  const text = draft.scoreText.trim().replace(',', '.');
  const severity = isSeverity(draft.severity) ? draft.severity : null;
  if (text === '') {
    return { ok: true, stated: severity === null ? null : { score: null, severity } };
  }
  if (!/^\d+(\.\d+)?$/.test(text)) {
    return {
      ok: false,
      message: `'${draft.scoreText.trim()}' is not a number: write it like 7.5.`,
    };
  }
  return { ok: true, stated: { score: Number(text), severity } };
}
