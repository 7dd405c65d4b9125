import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The update took longer than its budget to decode, or its decoding brought the checker down. */
export class PoisonedUpdate extends Error {}

/** Yjs cannot decode the update. */
export class UndecodableUpdate extends Error {}

/** Heap a checker thread may use: an update built to exhaust memory ends the thread, not the server. */
const CHECKER_HEAP_MB = 128;

/**
 * Updates from this size on are also applied to an empty doc in the checker
 * (integrating what they carry, not only decoding it): the large ones, an
 * offline client's sync for instance, where that costs little next to their
 * decoding. An edit a person makes is a few dozen bytes.
 */
export const APPLY_IN_CHECK_FROM_BYTES = 32 * 1024;

/**
 * The checker thread: decodes each update it is sent, structs and delete set
 * (the paths where Yjs has had decoding loops that never end), applies the
 * large ones to an empty doc, and answers with the outcome. It runs Yjs's
 * CommonJS build, resolved by the server, in a thread of its own.
 */
const checkerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Y = require(workerData.yjs);
parentPort.on('message', (update) => {
  try {
    Y.decodeUpdate(update);
    if (update.byteLength >= workerData.applyFrom) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, update);
      doc.destroy();
    }
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, reason: String((error && error.message) || error) });
  }
});
// Warm up, so compiling the decoder does not count against the first update's budget.
const warm = new Y.Doc();
warm.getMap('warm-up').set('key', 'value');
Y.decodeUpdate(Y.encodeStateAsUpdate(warm));
parentPort.postMessage({ ready: true });
`;

/** What the checker thread says. */
type CheckerMessage = { ready: true } | { ok: true } | { ok: false; reason: string };

interface Pending {
  update: Uint8Array;
  resolve: () => void;
  reject: (error: Error) => void;
  /** It ran out of its budget once already (then it is checked once more, on a new thread). */
  struck: boolean;
}

/**
 * Checks client updates in a worker thread before the authoritative doc
 * applies them: an update that takes longer than `budgetMs` to decode, twice
 * (the second time first on a new thread), is refused (its sender is
 * dropped), and the thread is replaced each time, so no client can stall the
 * event loop that every other client and request share.
 *
 * Updates are sent to the thread as they come (it takes them in order, with
 * no round trip between two), and answered in order; each one's budget runs
 * from when the one before it was answered, that is from when the thread
 * could start it.
 */
export class UpdateCheck {
  private worker: Worker | null = null;
  /** Not yet sent: the thread is starting. */
  private readonly waiting: Pending[] = [];
  /** Sent to the thread, oldest first; the oldest is the one it works on. */
  private readonly sent: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly yjsPath = createRequire(import.meta.url).resolve('yjs');
  private closed = false;
  /** The current thread has loaded Yjs and takes updates. */
  private ready = false;
  /** Checker threads replaced after an update ran out of budget or brought one down. */
  restarts = 0;

  constructor(private readonly budgetMs: number) {}

  /**
   * Resolves when `update` decodes within the budget; rejects with
   * UndecodableUpdate (Yjs's reason) or PoisonedUpdate.
   */
  check(update: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new PoisonedUpdate('the update check has stopped'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ update, resolve, reject, struck: false });
      this.send();
    });
  }

  /** Stops the thread; checks still waiting are refused. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopTimer();
    for (const pending of [...this.sent.splice(0), ...this.waiting.splice(0)]) {
      pending.reject(new PoisonedUpdate('the update check has stopped'));
    }
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  /** Sends what waits to a ready thread (starting one when there is none). */
  private send(): void {
    if (this.closed) return;
    const worker = this.ensureWorker();
    // The budget counts the decoding, not the thread's start.
    if (!this.ready) return;
    for (const pending of this.waiting.splice(0)) {
      this.sent.push(pending);
      worker.postMessage(pending.update);
    }
    this.startTimer();
  }

  /** Runs the budget of the oldest update sent, unless it already runs. */
  private startTimer(): void {
    if (this.timer !== null || this.sent.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fail(`its decoding took longer than ${this.budgetMs} ms`);
    }, this.budgetMs);
  }

  private stopTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(checkerSource, {
      eval: true,
      workerData: { yjs: this.yjsPath, applyFrom: APPLY_IN_CHECK_FROM_BYTES },
      resourceLimits: { maxOldGenerationSizeMb: CHECKER_HEAP_MB },
    });
    worker.unref();
    this.ready = false;
    worker.on('message', (message: CheckerMessage) => {
      if (worker !== this.worker) return;
      if ('ready' in message) {
        this.ready = true;
        this.send();
        return;
      }
      const pending = this.sent.shift();
      if (pending === undefined) return;
      this.stopTimer();
      if (message.ok) pending.resolve();
      else pending.reject(new UndecodableUpdate(message.reason));
      this.startTimer();
    });
    worker.on('error', (error) => {
      if (worker === this.worker) this.fail(`its decoding failed the checker: ${error.message}`);
    });
    worker.on('exit', () => {
      if (worker === this.worker) this.fail('its decoding stopped the checker');
    });
    this.worker = worker;
    return worker;
  }

  /**
   * Replaces the thread. The update it worked on is checked once more, first
   * on the new thread, and refused the second time; the updates sent after
   * it go to the new thread too.
   */
  private fail(reason: string): void {
    const worker = this.worker;
    this.worker = null;
    this.ready = false;
    void worker?.terminate();
    this.stopTimer();
    this.restarts += 1;
    const current = this.sent.shift();
    if (current === undefined) {
      // The thread failed with no update in it (while starting): refuse what waits rather
      // than start threads in a loop; the next check starts a new one.
      for (const pending of this.waiting.splice(0)) {
        pending.reject(new PoisonedUpdate(`the update checker failed to start (${reason})`));
      }
      return;
    }
    const behind = this.sent.splice(0);
    if (current.struck) {
      current.reject(new PoisonedUpdate(reason));
      this.waiting.unshift(...behind);
    } else {
      // Once more, first on a new thread: a thread the machine did not schedule in time is
      // not the update's fault. An update that really stalls the decoder stalls it again.
      current.struck = true;
      this.waiting.unshift(current, ...behind);
    }
    this.send();
  }
}
