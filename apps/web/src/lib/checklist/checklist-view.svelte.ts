import { modelFromDoc, type CollabModel } from '@threatloom/collab';
import type { ChecklistResult } from '@threatloom/domain';
import type { ModelConnection } from '../collab/model-connection.svelte.js';
import { liveChecklist, type LiveChecklist } from './checklist-content.js';
import { serverChecklist } from './review-commands.js';

/** How often the page re-reads the clock, so a risk decision that expires shows as lapsed. */
const CLOCK_INTERVAL_MS = 60_000;
/** How long the page waits after the last change before it asks the server (only as a fallback). */
const SERVER_DEBOUNCE_MS = 600;

/** The checklist the page shows, and where it came from. */
export type ShownChecklist =
  | { kind: 'loading' }
  | { kind: 'ready'; result: ChecklistResult; source: 'doc' | 'server' }
  | { kind: 'error'; message: string };

/**
 * The closure checklist of an open model, computed in the browser from the
 * live doc, so it changes as anyone edits. Should the doc hold something the
 * domain cannot read, it asks the server instead (debounced) until the doc
 * reads again. Create it while a component initialises: it starts effects.
 */
export class ChecklistView {
  /** The model the doc holds now. */
  readonly model: CollabModel;
  /** The checklist computed from the doc. */
  readonly live: LiveChecklist;
  /** What to show. */
  readonly shown: ShownChecklist;
  private asOf = $state(new Date().toISOString());
  private fromServer = $state.raw<ChecklistResult | null>(null);
  private serverError = $state<string | null>(null);

  constructor(
    private readonly connection: ModelConnection,
    private readonly modelId: string,
  ) {
    this.model = $derived.by(() => {
      void this.connection.version;
      return modelFromDoc(this.connection.doc);
    });
    this.live = $derived(liveChecklist(this.model, this.asOf));
    this.shown = $derived.by((): ShownChecklist => {
      if (this.live.kind === 'ready')
        return { kind: 'ready', result: this.live.result, source: 'doc' };
      if (this.live.kind === 'waiting') return { kind: 'loading' };
      if (this.fromServer) return { kind: 'ready', result: this.fromServer, source: 'server' };
      if (this.serverError) return { kind: 'error', message: this.serverError };
      return { kind: 'loading' };
    });

    $effect(() => {
      const timer = setInterval(() => (this.asOf = new Date().toISOString()), CLOCK_INTERVAL_MS);
      return () => clearInterval(timer);
    });

    $effect(() => {
      if (this.live.kind !== 'unreadable') return;
      void this.connection.version;
      const timer = setTimeout(() => void this.askServer(), SERVER_DEBOUNCE_MS);
      return () => clearTimeout(timer);
    });
  }

  /** Asks the server for the checklist again (after an error, or when the doc cannot be read). */
  async askServer(): Promise<void> {
    try {
      this.fromServer = await serverChecklist(this.modelId);
      this.serverError = null;
    } catch (error) {
      this.serverError = error instanceof Error ? error.message : String(error);
    }
  }
}
