import { Conflict, IllegalState, NotFound, ValidationError } from '../errors.js';
import { definedOnly, type DecideHandlers } from '../model/decider.js';
import { event } from '../model/event.js';
import {
  noThreatsKey,
  requireTarget,
  requireThreat,
  requireUnusedId,
  requireZone,
  requireElement,
  requireFlow,
  threatsOn,
} from '../model/lookups.js';
import type { ModelState } from '../model/types.js';
import type { ThreatCommand } from './commands.js';
import { computeThreatScore } from './compute-score.js';

function requireAssets(state: ModelState, assetIds: readonly string[]): void {
  assetIds.forEach((id, index) => {
    if (!state.assets[id]) throw new NotFound('asset', id, `assetIds.${index}`);
  });
}

function nextRef(state: ModelState): number {
  return Object.values(state.threats).reduce((max, threat) => Math.max(max, threat.ref), 0) + 1;
}

function hasActiveDecision(state: ModelState, threatId: string): boolean {
  return Object.values(state.decisions).some(
    (decision) => decision.threatId === threatId && decision.revoked === null,
  );
}

/** Decisions about threats: unique refs, existing targets, statuses that match decisions. */
export const threatDecide: DecideHandlers<ThreatCommand> = {
  IdentifyThreat: (command, state) => {
    requireUnusedId(state.threats, command.threatId, 'threat', 'threatId');
    const ref = command.ref ?? nextRef(state);
    const clash = Object.values(state.threats).find((threat) => threat.ref === ref);
    if (clash) throw new Conflict('ref', `ref ${ref} is already used by threat '${clash.id}'`);
    requireTarget(state, command.target, 'target');
    requireAssets(state, command.assetIds);
    const key = noThreatsKey(command.target.kind, command.target.id);
    if (state.noThreats[key]) {
      throw new IllegalState(
        'target',
        `${command.target.kind} '${command.target.id}' was declared to have no threats; withdraw that declaration first`,
      );
    }
    return [
      event('ThreatIdentified', {
        threat: {
          id: command.threatId,
          ref,
          sourceRef: command.sourceRef,
          title: command.title,
          description: command.description,
          stride: command.stride,
          linddun: command.linddun,
          target: command.target,
          assetIds: command.assetIds,
        },
      }),
    ];
  },
  ReviseThreat: (command, state) => {
    requireThreat(state, command.threatId, 'threatId');
    if (command.assetIds) requireAssets(state, command.assetIds);
    const { type: _type, threatId, ...changes } = command;
    return [event('ThreatRevised', { threatId, changes: definedOnly(changes) })];
  },
  RetargetThreat: (command, state) => {
    requireThreat(state, command.threatId, 'threatId');
    requireTarget(state, command.target, 'target');
    return [event('ThreatRetargeted', { threatId: command.threatId, target: command.target })];
  },
  ScoreThreat: (command, state) => {
    requireThreat(state, command.threatId, 'threatId');
    return [
      event('ThreatScored', {
        threatId: command.threatId,
        score: computeThreatScore(command, state.settings),
      }),
    ];
  },
  ChangeThreatStatus: (command, state) => {
    const threat = requireThreat(state, command.threatId, 'threatId');
    if (command.status === 'accepted' || command.status === 'transferred') {
      throw new ValidationError(
        'status',
        'open, in_progress, mitigated or not_applicable (accepting or transferring is a risk decision)',
        `'${command.status}'`,
      );
    }
    if (hasActiveDecision(state, threat.id)) {
      throw new IllegalState(
        'status',
        `threat ${threat.ref} is ${threat.status} by a risk decision; revoke the decision first`,
      );
    }
    if (threat.status === command.status) return [];
    return [event('ThreatStatusChanged', { threatId: threat.id, status: command.status })];
  },
  RemoveThreat: (command, state) => {
    requireThreat(state, command.threatId, 'threatId');
    return [event('ThreatRemoved', { threatId: command.threatId })];
  },
  DeclareNoThreats: (command, state, context) => {
    if (command.targetKind === 'zone') requireZone(state, command.targetId, 'targetId');
    else if (command.targetKind === 'element') requireElement(state, command.targetId, 'targetId');
    else requireFlow(state, command.targetId, 'targetId');
    if (command.targetKind !== 'zone') {
      const existing = threatsOn(state, { kind: command.targetKind, id: command.targetId });
      if (existing.length > 0) {
        throw new IllegalState(
          'targetId',
          `${command.targetKind} '${command.targetId}' already has threats ${existing.map((t) => t.ref).join(', ')}`,
        );
      }
    }
    return [
      event('NoThreatsDeclared', {
        declaration: {
          targetKind: command.targetKind,
          targetId: command.targetId,
          reason: command.reason,
          declaredBy: context.actor.userId,
          declaredAt: context.now,
        },
      }),
    ];
  },
  WithdrawNoThreats: (command, state) => {
    const key = noThreatsKey(command.targetKind, command.targetId);
    if (!state.noThreats[key]) {
      throw new NotFound('no-threats declaration', key, 'targetId');
    }
    return [
      event('NoThreatsWithdrawn', { targetKind: command.targetKind, targetId: command.targetId }),
    ];
  },
};
