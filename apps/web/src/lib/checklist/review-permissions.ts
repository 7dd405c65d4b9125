/** What the user may do on this page, from their permissions on the model's system. */
export interface ReviewPermissions {
  /** May record an attestation (admins, risk owners, auditors). */
  canAttest: boolean;
  /** May freeze a version (whoever may edit the model). */
  canFreeze: boolean;
}

/** Reads the page's permissions from the system's permission names (`myPermissions`). */
export function reviewPermissions(permissions: readonly string[]): ReviewPermissions {
  return { canAttest: permissions.includes('attest'), canFreeze: permissions.includes('edit') };
}

/** What decides whether a version can be frozen now. */
export interface FreezeConditions {
  canFreeze: boolean;
  /** Null while the checklist is not known. */
  checklist: { passed: boolean; passedCount: number; itemCount: number } | null;
  isFrozen: boolean;
  currentVersion: number;
  /** False while changes made on this page are not stored yet. */
  isSaved: boolean;
}

/**
 * Whether the freeze form is offered (`hidden`: the user may not freeze),
 * offered but blocked (with the reason, in words), or ready.
 */
export type FreezeReadiness =
  { kind: 'hidden'; reason: string } | { kind: 'blocked'; reason: string } | { kind: 'ready' };

/** Decides the freeze form's state and says why it is not ready. */
export function freezeReadiness(conditions: FreezeConditions): FreezeReadiness {
  if (!conditions.canFreeze) {
    return {
      kind: 'hidden',
      reason:
        'Freezing a version needs permission to edit this model, which your role does not give.',
    };
  }
  if (conditions.isFrozen) {
    return {
      kind: 'blocked',
      reason: `Version ${conditions.currentVersion} is already frozen. A new draft has to be opened before the next version can be frozen.`,
    };
  }
  if (conditions.checklist === null) {
    return { kind: 'blocked', reason: 'The checklist is not known yet.' };
  }
  if (!conditions.checklist.passed) {
    const failing = conditions.checklist.itemCount - conditions.checklist.passedCount;
    return {
      kind: 'blocked',
      reason: `${failing} of ${conditions.checklist.itemCount} checklist items do not pass yet. A version can be frozen once every item passes.`,
    };
  }
  if (!conditions.isSaved) {
    return { kind: 'blocked', reason: 'Some of your changes are not saved yet.' };
  }
  return { kind: 'ready' };
}
