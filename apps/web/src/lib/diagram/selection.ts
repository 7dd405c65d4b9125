/** What can be selected on the diagram. */
export type SelectableKind = 'element' | 'zone' | 'flow';

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
} as const satisfies Record<SelectableKind, string>;
