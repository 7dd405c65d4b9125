import type { Command } from '@threatloom/domain';

/** The id field of each command that changes one entity in place, and the command that adds it. */
const changeTargets: Record<string, { id: string; add: string | null }> = {
  ChangeZone: { id: 'zoneId', add: 'AddZone' },
  ChangeElement: { id: 'elementId', add: 'AddElement' },
  ChangeFlow: { id: 'flowId', add: 'AddFlow' },
  ChangeAsset: { id: 'assetId', add: 'AddAsset' },
  ReviseThreat: { id: 'threatId', add: 'IdentifyThreat' },
  ReviseMitigation: { id: 'mitigationId', add: 'PlanMitigation' },
  RenameThreatModel: { id: 'type', add: null },
};

/**
 * Folds runs of edits to one entity into one command, so typing a name or a
 * description is persisted as one event per window, not one per keystroke:
 * a change right after a change of the same entity merges into it (later
 * fields win), and a change right after the command that added the entity
 * merges into the addition. Only neighbours merge, so the order of effects is
 * kept; the result is decided again before it is stored.
 */
export function coalesceCommands(commands: readonly Command[]): Command[] {
  const folded: Array<Record<string, unknown>> = [];
  for (const command of commands as ReadonlyArray<Record<string, unknown>>) {
    const previous = folded.at(-1);
    const target = changeTargets[command['type'] as string];
    if (previous !== undefined && target !== undefined) {
      const sameEntity = previous[target.id] === command[target.id];
      if (sameEntity && previous['type'] === command['type']) {
        folded[folded.length - 1] = { ...previous, ...command };
        continue;
      }
      if (sameEntity && target.add !== null && previous['type'] === target.add) {
        const { type: _type, ...fields } = command;
        folded[folded.length - 1] = { ...previous, ...fields };
        continue;
      }
    }
    folded.push(command);
  }
  return folded as unknown as Command[];
}
