import { describe, expect, it } from 'vitest';
import { freezeReadiness, reviewPermissions, type FreezeConditions } from './review-permissions.js';

describe('reviewPermissions', () => {
  it('lets an admin attest and freeze', () => {
    expect(reviewPermissions(['read', 'edit', 'decide_risk', 'admin', 'attest'])).toEqual({
      canAttest: true,
      canFreeze: true,
    });
  });

  it('lets an editor freeze but not attest', () => {
    expect(reviewPermissions(['read', 'edit', 'create_model'])).toEqual({
      canAttest: false,
      canFreeze: true,
    });
  });

  it('lets an auditor attest but not freeze', () => {
    expect(reviewPermissions(['read', 'audit_history', 'attest'])).toEqual({
      canAttest: true,
      canFreeze: false,
    });
  });

  it('lets a viewer do neither', () => {
    expect(reviewPermissions(['read'])).toEqual({ canAttest: false, canFreeze: false });
  });
});

describe('freezeReadiness', () => {
  const ready: FreezeConditions = {
    canFreeze: true,
    checklist: { passed: true, passedCount: 10, itemCount: 10 },
    isFrozen: false,
    currentVersion: 2,
    isSaved: true,
  };

  it('is ready when every item passes and the draft is saved', () => {
    expect(freezeReadiness(ready)).toEqual({ kind: 'ready' });
  });

  it('hides the form, saying why, from a user who may not edit', () => {
    expect(freezeReadiness({ ...ready, canFreeze: false })).toMatchObject({
      kind: 'hidden',
      reason: expect.stringContaining('permission'),
    });
  });

  it('blocks it while the checklist fails, saying how many items fail', () => {
    const readiness = freezeReadiness({
      ...ready,
      checklist: { passed: false, passedCount: 7, itemCount: 10 },
    });
    expect(readiness).toMatchObject({ kind: 'blocked' });
    expect(readiness.kind === 'blocked' && readiness.reason).toMatch(/^3 of 10 checklist items/);
  });

  it('blocks it while the version is frozen', () => {
    expect(freezeReadiness({ ...ready, isFrozen: true })).toMatchObject({
      kind: 'blocked',
      reason: expect.stringContaining('Version 2 is already frozen'),
    });
  });

  it('blocks it while the checklist is not known', () => {
    expect(freezeReadiness({ ...ready, checklist: null })).toMatchObject({ kind: 'blocked' });
  });

  it('blocks it while changes of this page are not saved', () => {
    expect(freezeReadiness({ ...ready, isSaved: false })).toMatchObject({
      kind: 'blocked',
      reason: expect.stringContaining('not saved'),
    });
  });
});
