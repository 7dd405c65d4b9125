/**
 * The shape of a threat model's Y.Doc. Every top-level type and every key an
 * entity map may hold is named here, so the web app and the server reach the
 * doc only through this package (see model-doc.ts).
 *
 * - One top-level `Y.Map` per collection, keyed by entity id; each entity is a
 *   nested `Y.Map` of its fields. Long free text is a `Y.Text`, so two people
 *   typing in one description merge character by character; every other
 *   field is a plain value (last writer wins).
 * - `model` holds the model's name and description.
 * - `governed` holds what only the server writes: settings, risk decisions,
 *   versions and sign-offs, attestations, no-threat declarations, external
 *   validation. A client update that touches it is reverted.
 * - `elementLayout` and `flowLayout` hold diagram geometry; they never become
 *   domain events (docs/collaboration.md).
 */

/** How a field is stored in its entity's `Y.Map`. */
export type FieldKind =
  /** A plain value (string, number, boolean, null, or JSON); last writer wins. */
  | 'value'
  /** A `Y.Text`: concurrent edits merge. Read as its string. */
  | 'text'
  /** A nested `Y.Map` of plain values keyed by id (attack-tree nodes). */
  | 'map';

/** The collections of a model doc and the fields of their entities. */
export const collectionFields = {
  zones: { name: 'value', trust: 'value', parentZoneId: 'value', description: 'text' },
  elements: {
    kind: 'value',
    name: 'value',
    description: 'text',
    technology: 'value',
    zoneId: 'value',
    c4Level: 'value',
    tags: 'value',
  },
  flows: {
    name: 'value',
    sourceId: 'value',
    destinationId: 'value',
    bidirectional: 'value',
    data: 'text',
    protocol: 'value',
  },
  assets: { name: 'value', description: 'text', sensitivity: 'value', businessImpact: 'value' },
  assumptions: { text: 'text' },
  scopeExclusions: { text: 'text', elementIds: 'value' },
  threats: {
    ref: 'value',
    sourceRef: 'value',
    title: 'value',
    description: 'text',
    stride: 'value',
    linddun: 'value',
    target: 'value',
    assetIds: 'value',
    status: 'value',
    score: 'value',
  },
  mitigations: {
    threatIds: 'value',
    strategies: 'value',
    action: 'text',
    owner: 'value',
    status: 'value',
    dueDate: 'value',
    verification: 'value',
    ticketUrl: 'value',
    effectiveness: 'value',
    residualRisk: 'value',
  },
  attackTrees: { threatId: 'value', rootNodeId: 'value', nodes: 'map' },
} as const satisfies Record<string, Record<string, FieldKind>>;

export type CollectionName = keyof typeof collectionFields;

/** Every collection, in the order their additions are decided (what others refer to comes first). */
export const collectionNames: readonly CollectionName[] = [
  'zones',
  'elements',
  'flows',
  'assets',
  'assumptions',
  'scopeExclusions',
  'threats',
  'mitigations',
  'attackTrees',
];

/** Top-level type holding the model's own fields. */
export const MODEL_ROOT = 'model';
/** Fields of the `model` map. */
export const modelFields = { name: 'value', description: 'text' } as const satisfies Record<
  string,
  FieldKind
>;

/** Top-level type holding what only the server writes. */
export const GOVERNED_ROOT = 'governed';
/** Keys of the `governed` map. */
export const governedKeys = [
  'settings',
  'decisions',
  'noThreats',
  'externalValidation',
  'attestations',
  'versions',
  'currentVersion',
  'isFrozen',
] as const;
export type GovernedKey = (typeof governedKeys)[number];

/**
 * Top-level types holding diagram geometry: element id -> layout, zone id ->
 * its box, flow id -> waypoints.
 */
export const ELEMENT_LAYOUT_ROOT = 'elementLayout';
export const ZONE_LAYOUT_ROOT = 'zoneLayout';
export const FLOW_LAYOUT_ROOT = 'flowLayout';

/** Every top-level type holding geometry only. */
export const layoutRootNames: readonly string[] = [
  ELEMENT_LAYOUT_ROOT,
  ZONE_LAYOUT_ROOT,
  FLOW_LAYOUT_ROOT,
];

/** Every top-level type of a model doc. */
export const rootNames: readonly string[] = [
  MODEL_ROOT,
  ...collectionNames,
  GOVERNED_ROOT,
  ...layoutRootNames,
];
