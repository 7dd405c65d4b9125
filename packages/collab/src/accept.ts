import {
  decide,
  evolve,
  type Command,
  type CommandContext,
  type DomainError,
  type DomainEvent,
  type ModelState,
} from '@threatloom/domain';
import * as Y from 'yjs';
import { collabModelOf, type CollabModel } from './collab-model.js';
import { diffPhase, type Phase, type Rejection } from './doc-commands.js';
import { modelFromDoc } from './model-from-doc.js';
import { collectionNames, layoutRootNames, type CollectionName } from './schema.js';
import { mergeScopes, touchedEntities } from './touched.js';
import { writeModelToDoc, type WriteScope } from './write-model.js';

/** The transaction origin of everything the server writes into a doc. */
export const SERVER_ORIGIN = 'threatloom/server';

/** A command the diff produced that the domain refused, with its reason. */
export interface RefusedCommand {
  command: Command;
  error: DomainError;
}

/** What the domain made of a change in the doc. */
export interface DocDecision {
  /** The state after every accepted command. */
  state: ModelState;
  /** The events of the accepted commands, in order. */
  events: DomainEvent[];
  /** The accepted commands, in order. */
  commands: Command[];
  refused: RefusedCommand[];
  /** Changes no command expresses (governed content, fixed fields). */
  rejections: Rejection[];
}

const phases: readonly Phase[] = ['add', 'change', 'remove'];

/**
 * Decides the commands that turn `state` into the model `next` (read from a
 * doc): additions, then changes, then removals, each against the state the
 * previous ones left. A command refused in the first pass is tried once more
 * after the others (a change may need a removal decided after it). Pure.
 */
export function decideDocChange(
  state: ModelState,
  next: CollabModel,
  context: CommandContext,
  scope?: WriteScope,
): DocDecision {
  let running = state;
  const events: DomainEvent[] = [];
  const commands: Command[] = [];
  const refused = new Map<string, RefusedCommand>();
  let rejections: Rejection[] = [];
  for (let pass = 0; pass < 2; pass += 1) {
    let accepted = 0;
    rejections = [];
    for (const phase of phases) {
      const diff = diffPhase(phase, collabModelOf(running), next, scope);
      rejections.push(...diff.rejections);
      for (const command of diff.commands) {
        const key = JSON.stringify(command);
        const outcome = decide(command, running, context);
        if (!outcome.ok) {
          refused.set(key, { command, error: outcome.error });
          continue;
        }
        refused.delete(key);
        accepted += 1;
        commands.push(command);
        for (const event of outcome.events) {
          events.push(event);
          running = evolve(running, event);
        }
      }
    }
    if (refused.size === 0 || accepted === 0) break;
  }
  return { state: running, events, commands, refused: [...refused.values()], rejections };
}

/** The entities whose domain object differs between two states (the domain shares unchanged ones). */
export function changedEntities(before: ModelState, after: ModelState): WriteScope {
  const scope: Partial<Record<CollectionName, Set<string>>> = {};
  for (const collection of collectionNames) {
    const left = before[collection] as Record<string, unknown>;
    const right = after[collection] as Record<string, unknown>;
    if (left === right) continue;
    const ids = new Set<string>();
    for (const id of Object.keys(left)) if (left[id] !== right[id]) ids.add(id);
    for (const id of Object.keys(right)) if (left[id] !== right[id]) ids.add(id);
    if (ids.size > 0) scope[collection] = ids;
  }
  return scope;
}

/** The outcome of one client update on the authoritative doc. */
export interface AppliedUpdate extends DocDecision {
  /**
   * The server's own update, or null when the doc already matched: it undoes
   * what was refused or rejected, and writes what the domain filled in (a
   * threat's ref, a default).
   */
  serverUpdate: Uint8Array | null;
  /** The entities the update touched (what a later decision of it must compare). */
  touched: WriteScope;
}

/**
 * Applies a client's update to the authoritative doc, decides what it changed
 * (only the entities it touched are compared), and writes the outcome back:
 * what the domain refused, and anything no command expresses, is undone by a
 * server update. Afterwards `modelFromDoc(doc)` equals `collabModelOf(state)`.
 */
export function applyClientUpdate(
  doc: Y.Doc,
  state: ModelState,
  update: Uint8Array,
  context: CommandContext,
  origin: unknown,
): AppliedUpdate {
  let touched: WriteScope = {};
  const onTransaction = (transaction: Y.Transaction): void => {
    if (transaction.origin === origin) touched = mergeScopes(touched, touchedEntities(transaction));
  };
  doc.on('afterTransaction', onTransaction);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('afterTransaction', onTransaction);
  }
  return reconcile(doc, state, context, touched);
}

/**
 * Decides what the doc holds beyond `state` (within `touched`) and brings
 * the doc back in line with the result. Used after a client update, and to
 * mirror a state the server decided elsewhere (a GraphQL command) with an
 * empty `touched` and the new state.
 */
export function reconcile(
  doc: Y.Doc,
  state: ModelState,
  context: CommandContext,
  touched: WriteScope,
): AppliedUpdate {
  const decision = decideDocChange(state, modelFromDoc(doc, touched), context, touched);
  const scope = mergeScopes(touched, changedEntities(state, decision.state));
  let serverUpdate: Uint8Array | null = null;
  const capture = (update: Uint8Array, updateOrigin: unknown): void => {
    if (updateOrigin === SERVER_ORIGIN) serverUpdate = update;
  };
  doc.on('update', capture);
  try {
    writeModelToDoc(doc, collabModelOf(decision.state), SERVER_ORIGIN, scope);
  } finally {
    doc.off('update', capture);
  }
  return { ...decision, serverUpdate, touched };
}

/** Writes a state the server decided (a GraphQL command) into the doc; returns the update, if any. */
export function mirrorState(doc: Y.Doc, before: ModelState, after: ModelState): Uint8Array | null {
  let written: Uint8Array | null = null;
  const capture = (update: Uint8Array, updateOrigin: unknown): void => {
    if (updateOrigin === SERVER_ORIGIN) written = update;
  };
  doc.on('update', capture);
  try {
    writeModelToDoc(doc, collabModelOf(after), SERVER_ORIGIN, changedEntities(before, after));
  } finally {
    doc.off('update', capture);
  }
  return written;
}

/** A copy of the layout roots, to put back what a read-only client moved. */
function layoutOf(doc: Y.Doc): Map<string, Map<string, unknown>> {
  return new Map(
    layoutRootNames.map((name) => [name, new Map(doc.getMap<unknown>(name).entries())]),
  );
}

/**
 * Applies the update of a client that may not change the model (a viewer or
 * auditor) and undoes whatever it changed, layout included, as a server
 * update: the domain refuses its commands (the context carries its roles),
 * governed content is rejected, and the layout maps are put back as they
 * were. Applying first keeps the client's later updates applicable (Yjs
 * would hold them pending for ever behind a dropped one); the server's
 * writes delete what it added, so its content is garbage-collected and never
 * reaches another client.
 */
export function applyReadOnlyUpdate(
  doc: Y.Doc,
  state: ModelState,
  update: Uint8Array,
  context: CommandContext,
  origin: unknown,
): AppliedUpdate {
  const layout = layoutOf(doc);
  const applied = applyClientUpdate(doc, state, update, context, origin);
  let restored: Uint8Array | null = null;
  const capture = (serverUpdate: Uint8Array, updateOrigin: unknown): void => {
    if (updateOrigin === SERVER_ORIGIN) restored = serverUpdate;
  };
  doc.on('update', capture);
  try {
    doc.transact(() => {
      for (const [name, before] of layout) {
        const map = doc.getMap<unknown>(name);
        for (const key of [...map.keys()]) if (!before.has(key)) map.delete(key);
        for (const [key, value] of before) if (map.get(key) !== value) map.set(key, value);
      }
    }, SERVER_ORIGIN);
  } finally {
    doc.off('update', capture);
  }
  const serverUpdate =
    restored === null
      ? applied.serverUpdate
      : applied.serverUpdate === null
        ? restored
        : Y.mergeUpdates([applied.serverUpdate, restored]);
  return { ...applied, serverUpdate };
}
