import type { VersionSummary } from '@threatloom/collab';

/** The model's frozen versions, newest first (the doc keeps them oldest first). */
export function newestFirst(versions: readonly VersionSummary[] | undefined): VersionSummary[] {
  return [...(versions ?? [])].sort((a, b) => b.number - a.number);
}

/** Where the model stands: the version being edited, or the one just frozen. */
export function currentVersionText(currentVersion: number, isFrozen: boolean): string {
  return isFrozen
    ? `Version ${currentVersion} is frozen: its content can no longer change.`
    : `Version ${currentVersion} is the draft being edited.`;
}
