import { contentOfCollabModel, modelFromDoc } from '@threatloom/collab';
import {
  closureChecklist,
  stridePerElement,
  type ChecklistResult,
  type ElementKind,
  type StrideCategory,
  type TrustLevel,
} from '@threatloom/domain';
import { ModelConnection } from '../collab/model-connection.svelte.js';
import {
  checkMitigationDraft,
  emptyMitigationDraft,
  type MitigationDraft,
} from '../mitigation/mitigation-draft.js';
import { createThreatModel, registerSystem } from '../system/systems.js';
import {
  emptyStatement,
  isCompleteStatement,
  threatStatement,
  titleOfStatement,
  type ThreatStatementParts,
} from '../threat/threat-statement.js';

/** The steps of the guided first model: the four questions, after naming the system. */
export const guidedSteps = ['system', 'working-on', 'go-wrong', 'do-about-it', 'good-job'] as const;
export type GuidedStep = (typeof guidedSteps)[number];

/** How long to wait for the server to store what the guide wrote before saying so. */
const SAVE_TIMEOUT_MS = 15_000;

/**
 * A newcomer's first threat model, one question at a time: it registers a
 * system and its model, then writes the element, the threat, its score and
 * a mitigation into the model's doc, where the server decides each like any
 * other edit, and ends on the model's closure checklist.
 */
export class GuidedModel {
  step = $state<GuidedStep>('system');
  systemName = $state('');
  elementName = $state('');
  elementKind = $state<ElementKind>('process');
  zoneName = $state('');
  trust = $state<TrustLevel>('trusted');
  category = $state<StrideCategory>('spoofing');
  statement = $state<ThreatStatementParts>({ ...emptyStatement, assets: [] });
  mitigation = $state<MitigationDraft>(emptyMitigationDraft());
  problem = $state<string | null>(null);
  problems = $state<Record<string, string>>({});
  isBusy = $state(false);
  modelId = $state<string | null>(null);
  connection = $state.raw<ModelConnection | null>(null);
  private readonly ids = {
    zone: crypto.randomUUID(),
    element: crypto.randomUUID(),
    threat: crypto.randomUUID(),
    mitigation: crypto.randomUUID(),
  };

  constructor(private readonly csrfToken: () => string | null) {}

  /** The STRIDE categories that apply to the element's kind, for the "what can go wrong" question. */
  get categories(): StrideCategory[] {
    return Object.keys(stridePerElement[this.elementKind]) as StrideCategory[];
  }

  /** The sentence the threat makes so far. */
  get preview(): string {
    return threatStatement(this.statement);
  }

  /** The threat as the doc holds it now (with the ref and score the server filled in). */
  get threat() {
    const connection = this.connection;
    if (!connection) return undefined;
    void connection.version;
    return connection.model.get('threats', this.ids.threat);
  }

  /** The model's closure checklist, live. */
  get checklist(): ChecklistResult | null {
    const connection = this.connection;
    if (!connection) return null;
    void connection.version;
    return closureChecklist(contentOfCollabModel(modelFromDoc(connection.doc)));
  }

  /** Step 0: registers the system and creates its model. */
  async createSystem(): Promise<void> {
    const name = this.systemName.trim();
    if (!name) return this.fail('Name the system you want to protect.');
    await this.busy(async () => {
      const systemId = await registerSystem(name, 2);
      this.modelId = await createThreatModel(systemId, `${name} threat model`);
      const csrf = this.csrfToken();
      if (!csrf) throw new Error('Your session has ended: sign in again.');
      this.connection = new ModelConnection(this.modelId, csrf);
      await this.until(() => this.connection?.isSynced === true, 'The model did not open.');
      this.step = 'working-on';
    });
  }

  /** Q1: what are we working on? One element in one zone. */
  async describeElement(): Promise<void> {
    const element = this.elementName.trim();
    const zone = this.zoneName.trim() || 'Our system';
    if (!element) return this.fail('Name the part of your system you are thinking about.');
    await this.busy(async () => {
      this.connection!.edit((model) => {
        model.add('zones', this.ids.zone, {
          name: zone,
          trust: this.trust,
          parentZoneId: null,
          description: '',
        });
        model.setZoneLayout(this.ids.zone, { x: 0, y: 0, width: 320, height: 180 });
        model.add('elements', this.ids.element, {
          kind: this.elementKind,
          name: element,
          description: '',
          technology: '',
          zoneId: this.ids.zone,
          c4Level: 'container',
          tags: [],
        });
        model.setElementLayout(this.ids.element, { x: 76, y: 82, width: 168, height: 64 });
      });
      this.category = this.categories[0] ?? 'spoofing';
      await this.saved();
      this.step = 'go-wrong';
    });
  }

  /** Q2: what can go wrong? One threat in the threat grammar. */
  async describeThreat(): Promise<void> {
    if (!isCompleteStatement(this.statement)) {
      return this.fail('Say who could do it (the threat source) and what they could do.');
    }
    await this.busy(async () => {
      this.connection!.edit((model) =>
        model.add('threats', this.ids.threat, {
          title: titleOfStatement(this.statement),
          description: threatStatement(this.statement),
          stride: this.category,
          linddun: null,
          target: { kind: 'element', id: this.ids.element },
          assetIds: [],
        }),
      );
      await this.saved();
      this.step = 'do-about-it';
    });
  }

  /** Q3: what are we going to do about it? The threat is scored (by the builder) and gets a mitigation. */
  async planMitigation(): Promise<void> {
    if (!this.threat?.score) return this.fail('Score the threat first: how bad would it be?');
    const checked = checkMitigationDraft(this.mitigation, [this.ids.threat]);
    if (!checked.ok) {
      this.problems = checked.problems;
      return this.fail('Some answers need another look.');
    }
    this.problems = {};
    await this.busy(async () => {
      this.connection!.edit((model) =>
        model.add('mitigations', this.ids.mitigation, checked.fields),
      );
      await this.saved();
      this.step = 'good-job';
    });
  }

  /** Goes back one question (what was written stays; it can be changed in the model). */
  back(): void {
    const index = guidedSteps.indexOf(this.step);
    if (index > 1) this.step = guidedSteps[index - 1]!;
  }

  /** Closes the connection. */
  destroy(): void {
    this.connection?.destroy();
  }

  private fail(message: string): void {
    this.problem = message;
  }

  private async busy(work: () => Promise<void>): Promise<void> {
    this.isBusy = true;
    this.problem = null;
    try {
      await work();
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    } finally {
      this.isBusy = false;
    }
  }

  /** Waits until the server stored this page's changes; a refusal ends the wait with its reason. */
  private async saved(): Promise<void> {
    await this.until(() => {
      const refusal = this.connection?.refusal;
      if (refusal) throw new Error(`The server did not accept this: ${refusal}`);
      return this.connection?.isSaved === true;
    }, 'The server has not confirmed the change yet: check the connection and try again.');
  }

  private async until(condition: () => boolean, timeoutMessage: string): Promise<void> {
    const deadline = Date.now() + SAVE_TIMEOUT_MS;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(timeoutMessage);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
