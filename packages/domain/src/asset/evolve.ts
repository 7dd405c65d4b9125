import { withEntry, withoutEntry, type EvolveHandlers } from '../model/decider.js';
import { mustExist } from '../model/lookups.js';
import type { AssetEvent } from './events.js';

/** Applies asset events. */
export const assetEvolve: EvolveHandlers<AssetEvent> = {
  AssetAdded: (state, { data }) => ({
    ...state,
    assets: withEntry(state.assets, data.asset.id, data.asset),
  }),
  AssetChanged: (state, { data }) => {
    const asset = mustExist(state.assets[data.assetId], 'asset', data.assetId);
    return { ...state, assets: withEntry(state.assets, asset.id, { ...asset, ...data.changes }) };
  },
  AssetRemoved: (state, { data }) => {
    mustExist(state.assets[data.assetId], 'asset', data.assetId);
    const threats = Object.fromEntries(
      Object.entries(state.threats).map(([id, threat]) => [
        id,
        threat.assetIds.includes(data.assetId)
          ? { ...threat, assetIds: threat.assetIds.filter((assetId) => assetId !== data.assetId) }
          : threat,
      ]),
    );
    return { ...state, assets: withoutEntry(state.assets, data.assetId), threats };
  },
};
