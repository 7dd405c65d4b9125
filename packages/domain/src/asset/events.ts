import type { EventOf } from '../model/event.js';
import type { Asset } from '../model/types.js';

export type AssetAdded = EventOf<'AssetAdded', { asset: Asset }>;
export type AssetChanged = EventOf<
  'AssetChanged',
  { assetId: string; changes: Partial<Omit<Asset, 'id'>> }
>;
/** Threats that listed the asset stop listing it. */
export type AssetRemoved = EventOf<'AssetRemoved', { assetId: string }>;
export type AssetEvent = AssetAdded | AssetChanged | AssetRemoved;
