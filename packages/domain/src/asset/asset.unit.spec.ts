import { describe, expect, it } from 'vitest';
import { decide, replay } from '../index.js';
import {
  editor,
  expectEvents,
  expectRefusal,
  given,
  smallModelHistory,
} from '../../test/support/scenario.js';

describe('assets', () => {
  it('adds an asset whose business impact defaults to its sensitivity', () => {
    const events = expectEvents(
      decide(
        { type: 'AddAsset', assetId: 'keys', name: 'Signing keys', sensitivity: 'critical' },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'AssetAdded',
        schemaVersion: 1,
        data: {
          asset: {
            id: 'keys',
            name: 'Signing keys',
            description: '',
            sensitivity: 'critical',
            businessImpact: 'critical',
          },
        },
      },
    ]);
  });

  it('refuses a duplicate asset id', () => {
    expectRefusal(
      decide(
        { type: 'AddAsset', assetId: 'orders', name: 'Orders', sensitivity: 'low' },
        given(smallModelHistory()),
        editor,
      ),
      'CONFLICT',
      'assetId',
    );
  });

  it('changes the business impact of an asset', () => {
    const events = expectEvents(
      decide(
        { type: 'ChangeAsset', assetId: 'orders', businessImpact: 'critical' },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events[0]).toMatchObject({
      type: 'AssetChanged',
      data: { changes: { businessImpact: 'critical' } },
    });
  });

  it('removes an asset from the threats that listed it', () => {
    const state = given(smallModelHistory());
    const after = replay(
      expectEvents(decide({ type: 'RemoveAsset', assetId: 'orders' }, state, editor)),
      state,
    );
    expect(after.threats['threat-1']?.assetIds).toEqual([]);
  });

  it('refuses to remove an unknown asset', () => {
    expectRefusal(
      decide({ type: 'RemoveAsset', assetId: 'ghost' }, given(smallModelHistory()), editor),
      'NOT_FOUND',
      'assetId',
    );
  });
});

describe('assumptions and scope exclusions', () => {
  it('records an assumption', () => {
    const events = expectEvents(
      decide(
        {
          type: 'RecordAssumption',
          assumptionId: 'a1',
          text: 'The cloud provider secures its data centres',
        },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events).toEqual([
      {
        type: 'AssumptionRecorded',
        schemaVersion: 1,
        data: { assumption: { id: 'a1', text: 'The cloud provider secures its data centres' } },
      },
    ]);
  });

  it('refuses an empty assumption', () => {
    expectRefusal(
      decide(
        { type: 'RecordAssumption', assumptionId: 'a1', text: '' },
        given(smallModelHistory()),
        editor,
      ),
      'VALIDATION',
      'text',
    );
  });

  it('refuses to withdraw an unknown assumption', () => {
    expectRefusal(
      decide(
        { type: 'WithdrawAssumption', assumptionId: 'a9' },
        given(smallModelHistory()),
        editor,
      ),
      'NOT_FOUND',
      'assumptionId',
    );
  });

  it('records a scope exclusion naming the elements it concerns', () => {
    const events = expectEvents(
      decide(
        { type: 'ExcludeFromScope', exclusionId: 'x1', text: 'User devices', elementIds: ['user'] },
        given(smallModelHistory()),
        editor,
      ),
    );
    expect(events[0]).toMatchObject({
      type: 'ScopeExclusionRecorded',
      data: { exclusion: { elementIds: ['user'] } },
    });
  });

  it('refuses a scope exclusion naming an unknown element', () => {
    expectRefusal(
      decide(
        { type: 'ExcludeFromScope', exclusionId: 'x1', text: 'Lab', elementIds: ['lab'] },
        given(smallModelHistory()),
        editor,
      ),
      'NOT_FOUND',
      'elementIds.0',
    );
  });
});

describe('more asset and assumption cases', () => {
  it('refuses to change an unknown asset', () => {
    expectRefusal(
      decide(
        { type: 'ChangeAsset', assetId: 'ghost', name: 'G' },
        given(smallModelHistory()),
        editor,
      ),
      'NOT_FOUND',
      'assetId',
    );
  });

  it('withdraws a recorded assumption', () => {
    const state = given(smallModelHistory());
    const recorded = replay(
      expectEvents(
        decide(
          { type: 'RecordAssumption', assumptionId: 'a1', text: 'TLS everywhere' },
          state,
          editor,
        ),
      ),
      state,
    );
    const events = expectEvents(
      decide({ type: 'WithdrawAssumption', assumptionId: 'a1' }, recorded, editor),
    );
    expect(events).toEqual([
      { type: 'AssumptionWithdrawn', schemaVersion: 1, data: { assumptionId: 'a1' } },
    ]);
  });
});
