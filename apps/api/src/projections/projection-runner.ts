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
  lastApplied: Checkpoint;
}

const RETRY_DELAY_MS = 1000;

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

  /** Stops every subscription (after the event being handled). */
  async stop(): Promise<void> {
    this.isStopped = true;
    await Promise.all([...this.running.values()].map((running) => running.subscription.stop()));
    this.running.clear();
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
        await sql`truncate table ${sql.join(projection.tables.map((table) => sql.table(table)))}`.execute(
          trx,
        );
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
    const state: { lastApplied: Checkpoint } = { lastApplied: stored };
    const isAtStart = compareCheckpoints(stored, START_CHECKPOINT) === 0;
    const subscription = this.database.eventStore.subscribe({
      ...(isAtStart ? {} : { after: stored }),
      handler: (event) => this.handle(projection, state, event),
    });
    const running: Running = {
      subscription,
      get lastApplied() {
        return state.lastApplied;
      },
    };
    this.running.set(projection.name, running);
    subscription.finished.then(
      () => undefined,
      (error: unknown) => this.onFailure(projection, running, error),
    );
  }

  private async handle(
    projection: Projection,
    state: { lastApplied: Checkpoint },
    event: StoredEvent,
  ): Promise<void> {
    const eventCheckpoint = checkpointOf(event);
    const afterCommit = await this.database.systemTransaction(async (trx) => {
      const stored = await this.checkpoints.read(trx, projection.name, true);
      if (compareCheckpoints(stored, eventCheckpoint) >= 0) return undefined; // applied already (another runner)
      if (compareCheckpoints(stored, state.lastApplied) < 0)
        throw new CheckpointMovedBack(projection.name);
      const onCommit = await projection.apply(trx, event);
      await this.checkpoints.write(trx, projection.name, eventCheckpoint);
      return onCommit ?? undefined;
    });
    afterCommit?.();
    state.lastApplied = eventCheckpoint;
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
