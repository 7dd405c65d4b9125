import { getContext, setContext } from 'svelte';
import type { ModelConnection } from '../collab/model-connection.svelte.js';
import type { SelectedItem } from '../diagram/selection.js';
import type { ModelSummary } from './model-summary.js';

const KEY = Symbol('model-workspace');

/**
 * One open threat model, shared by its views (diagram, register, STRIDE
 * matrix, checklist): the live doc connection, what the user may do, and
 * what is selected, so a threat picked in the register is the one the
 * diagram shows.
 */
export class ModelWorkspace {
  selection = $state.raw<SelectedItem[]>([]);

  constructor(
    readonly summary: ModelSummary,
    readonly connection: ModelConnection,
  ) {}

  /** True when the user may not change the model (a viewer, an auditor, a frozen model). */
  get isReadOnly(): boolean {
    return !this.summary.permissions.includes('edit') || this.isFrozen;
  }

  /** True while the model's current version is frozen (live: a freeze by anyone shows at once). */
  get isFrozen(): boolean {
    void this.connection.version;
    return this.connection.model.governed().isFrozen;
  }

  /** Selects `items` here and tells the others what this user has selected. */
  select(items: SelectedItem[]): void {
    this.selection = items;
    this.connection.select(items.map((item) => item.id));
  }
}

/** Makes the workspace available to the model's views. */
export function provideWorkspace(workspace: ModelWorkspace): void {
  setContext(KEY, workspace);
}

/** The open model's workspace (inside the model layout only). */
export function useWorkspace(): ModelWorkspace {
  const workspace = getContext<ModelWorkspace | undefined>(KEY);
  if (!workspace) throw new Error('useWorkspace() is only available inside a model page');
  return workspace;
}
