import {
  checkpointOf,
  compareCheckpoints,
  type Checkpoint,
  type StoredEvent,
  type Subscription,
} from '@threatloom/eventstore';
import { sql } from 'kysely';
import type { DatabaseService } from '../database/database.service.js';
import { CheckpointRepository, START_CHECKPOINT } from './checkpoint.repository.js';
import type { Projection } from './projection.js';

/** Where a runner reports what it does (Nest's Logger fits). */
export interface ProjectionLog {
  log(message: string): void;
  error(message: string, stack?: string): void;
}

/** Raised inside a handler when the stored checkpoint moved back (a rebuild ran elsewhere). */
class CheckpointMovedBack extends Error {
  constructor(projection: string) {
    super(`checkpoint of ${projection} moved back; restarting from the stored checkpoint`);
    this.name = 'CheckpointMovedBack';
  }
}

interface Running {
  subscription: Subscription;
  readonly lastApplied: Checkpoint;
  readonly lastWritten: Checkpoint;
}

const RETRY_DELAY_MS = 1000;

/**
 * How long a projection's stored checkpoint may trail events it skipped (none
 * of them concern it) before it is written anyway, so a restart does not
 * re-read a long run of them.
 */
export const CHECKPOINT_IDLE_WRITE_MS = 5_000;

/** Where one running projection stands. */
interface RunnerState {
  /** The last event delivered to it (applied, or skipped as none of its business). */
  lastApplied: Checkpoint;
  /** The checkpoint it last stored or read: a stored one behind it was moved back by a rebuild. */
  lastWritten: Checkpoint;
  /** When it last stored its checkpoint (ms since the epoch). */
  writtenAt: number;
}

/**
 * Feeds projections from the event store. Each event is applied in a system
 * transaction that first locks the projection's checkpoint row and then stores
 * the new checkpoint, so an event is applied exactly once even with several
 * server processes or after a crash: a runner skips what the stored checkpoint
 * says is done, and restarts from it when a rebuild moved it back.
 */
export class ProjectionRunner {
  private readonly running = new Map<string, Running>();
  private readonly checkpoints = new CheckpointRepository();
  private isStopped = true;

  constructor(
    private readonly database: DatabaseService,
    readonly projections: readonly Projection[],
    private readonly log: ProjectionLog,
  ) {}

  /** Starts every projection from its stored checkpoint. */
  async start(): Promise<void> {
    this.isStopped = false;
    for (const projection of this.projections) await this.startOne(projection);
  }

  /**
   * Stops every subscription (after the page being handled), and stores the
   * checkpoint of a projection that skipped events since it last stored one.
   */
  async stop(): Promise<void> {
    this.isStopped = true;
    const running = [...this.running.entries()];
    await Promise.all(running.map(([, one]) => one.subscription.stop()));
    this.running.clear();
    for (const [name, one] of running) {
      if (compareCheckpoints(one.lastApplied, one.lastWritten) <= 0) continue;
      await this.database
        .systemTransaction(async (trx) => {
          const stored = await this.checkpoints.read(trx, name, true);
          // Only forward: another runner may have gone further, or a rebuild started over.
          if (compareCheckpoints(stored, one.lastWritten) === 0)
            await this.checkpoints.write(trx, name, one.lastApplied);
        })
        .catch((error: unknown) =>
          this.log.error(
            `checkpoint of ${name} not stored at stop: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
    }
  }

  /**
   * Resolves once every projection has applied everything committed before the
   * call (or up to `target`), waiting out older transactions that still hold the
   * event store's horizon.
   */
  async caughtUp(target?: Checkpoint): Promise<void> {
    const goal = target ?? (await this.database.eventStore.commitHead()) ?? null;
    for (const projection of this.projections) {
      for (;;) {
        const running = this.running.get(projection.name);
        if (running === undefined) throw new Error(`projection ${projection.name} is not running`);
        try {
          await running.subscription.caughtUp(goal);
          break;
        } catch (error) {
          // The subscription was replaced (restart); wait on its successor.
          if (this.running.get(projection.name) === running) throw error;
        }
      }
    }
  }

  /**
   * Whether the projection, running here, has been delivered `event` and
   * everything before it: what it handles of them is committed (by this
   * runner or another), and the rest is none of its business. Its stored
   * checkpoint can trail that by up to CHECKPOINT_IDLE_WRITE_MS.
   */
  hasReached(name: string, event: Checkpoint): boolean {
    const running = this.running.get(name);
    return running !== undefined && compareCheckpoints(running.lastApplied, event) >= 0;
  }

  /** Global position of the last event each projection applied. */
  positions(): Map<string, number> {
    return new Map(
      [...this.running].map(([name, running]) => [name, running.lastApplied.position]),
    );
  }

  /**
   * Empties the projection's tables and its checkpoint in one transaction, then
   * (when running here) replays from zero. Other runners notice the checkpoint
   * moved back and restart too.
   */
  async rebuild(name?: string): Promise<string[]> {
    const selected = this.projections.filter(
      (projection) => name === undefined || projection.name === name,
    );
    if (selected.length === 0) {
      throw new Error(
        `unknown projection ${name ?? ''}; known: ${this.projections.map((projection) => projection.name).join(', ')}`,
      );
    }
    for (const projection of selected) {
      const running = this.running.get(projection.name);
      if (running !== undefined) {
        this.running.delete(projection.name);
        await running.subscription.stop();
      }
      await this.database.systemTransaction(async (trx) => {
        await this.checkpoints.ensure(trx, projection.name);
        await this.checkpoints.read(trx, projection.name, true);
        if (projection.tables.length > 0) {
          await sql`truncate table ${sql.join(projection.tables.map((table) => sql.table(table)))}`.execute(
            trx,
          );
        }
        await this.checkpoints.write(trx, projection.name, START_CHECKPOINT);
      });
      projection.reset();
      this.log.log(`projection ${projection.name} emptied; replaying from the first event`);
      if (!this.isStopped) await this.startOne(projection);
    }
    return selected.map((projection) => projection.name);
  }

  private async startOne(projection: Projection): Promise<void> {
    const stored = await this.database.systemTransaction(async (trx) => {
      await this.checkpoints.ensure(trx, projection.name);
      return this.checkpoints.read(trx, projection.name);
    });
    projection.reset();
    // writtenAt 0: the first page stores its checkpoint whatever it holds, so from then on a
    // rebuild elsewhere (which moves the stored checkpoint back to the start) is always behind
    // lastWritten and noticed.
    const state: RunnerState = { lastApplied: stored, lastWritten: stored, writtenAt: 0 };
    const isAtStart = compareCheckpoints(stored, START_CHECKPOINT) === 0;
    const subscription = this.database.eventStore.subscribe({
      ...(isAtStart ? {} : { after: stored }),
      handlePage: (events) => this.handle(projection, state, events),
      ...(projection.omitDataOf === undefined ? {} : { omitDataOf: projection.omitDataOf }),
    });
    const running: Running = {
      subscription,
      get lastApplied() {
        return state.lastApplied;
      },
      get lastWritten() {
        return state.lastWritten;
      },
    };
    this.running.set(projection.name, running);
    subscription.finished.then(
      () => undefined,
      (error: unknown) => this.onFailure(projection, running, error),
    );
  }

  /**
   * Applies one page of events in one transaction: a live server appending
   * many small transactions costs the read models one transaction per page
   * read, not one per event, and none for a page of events the projection
   * does not handle (its checkpoint then moves with the next write).
   */
  private async handle(
    projection: Projection,
    state: RunnerState,
    page: readonly StoredEvent[],
  ): Promise<void> {
    const last = page.at(-1);
    if (last === undefined) return;
    const lastCheckpoint = checkpointOf(last);
    const handled = projection.handles ? page.filter((event) => projection.handles!(event)) : page;
    if (handled.length === 0 && Date.now() - state.writtenAt < CHECKPOINT_IDLE_WRITE_MS) {
      state.lastApplied = lastCheckpoint;
      return;
    }
    const afterCommit = await this.database.systemTransaction(async (trx) => {
      const stored = await this.checkpoints.read(trx, projection.name, true);
      if (compareCheckpoints(stored, state.lastWritten) < 0)
        throw new CheckpointMovedBack(projection.name);
      // What another runner applied already is skipped.
      const events = handled.filter((event) => compareCheckpoints(checkpointOf(event), stored) > 0);
      const onCommit = events.length === 0 ? undefined : await projection.apply(trx, events);
      if (compareCheckpoints(stored, lastCheckpoint) < 0) {
        await this.checkpoints.write(trx, projection.name, lastCheckpoint);
      }
      return onCommit ?? undefined;
    });
    afterCommit?.();
    state.lastApplied = lastCheckpoint;
    state.lastWritten = lastCheckpoint;
    state.writtenAt = Date.now();
  }

  private onFailure(projection: Projection, running: Running, error: unknown): void {
    const current = this.running.get(projection.name);
    if (this.isStopped || (current !== undefined && current !== running)) return;
    this.running.delete(projection.name);
    const isRestart = error instanceof CheckpointMovedBack;
    if (isRestart) {
      this.log.log(error.message);
    } else {
      this.log.error(
        `projection ${projection.name} failed; retrying in ${RETRY_DELAY_MS} ms: ${error instanceof Error ? error.message : String(error)}`,
        error instanceof Error ? error.stack : undefined,
      );
    }
    const restart = () => {
      if (this.isStopped || this.running.has(projection.name)) return;
      this.startOne(projection).catch((startError: unknown) =>
        this.onFailure(projection, running, startError),
      );
    };
    if (isRestart) restart();
    else setTimeout(restart, RETRY_DELAY_MS).unref();
  }
}
