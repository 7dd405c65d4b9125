/** What can be selected in a model's views. */
export type SelectableKind = 'element' | 'zone' | 'flow' | 'threat' | 'mitigation';

/** One selected thing. */
export interface SelectedItem {
  kind: SelectableKind;
  id: string;
}

/** The collection of the doc that holds a selectable kind. */
export const collectionOf = {
  element: 'elements',
  zone: 'zones',
  flow: 'flows',
  threat: 'threats',
  mitigation: 'mitigations',
} as const satisfies Record<SelectableKind, string>;
