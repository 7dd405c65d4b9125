import { defaultSettings, type Threat } from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import { decisionPolicy } from './risk-decisions.js';

function threat(score: Threat['score']): Threat {
  return {
    id: 't',
    ref: 1,
    sourceRef: null,
    title: 't',
    description: '',
    stride: 'spoofing',
    linddun: null,
    target: null,
    assetIds: [],
    status: 'open',
    score,
  };
}

describe('decisionPolicy', () => {
  it('asks for approval of an unscored threat: nobody knows how bad it is', () => {
    const policy = decisionPolicy(threat(null), defaultSettings());
    expect(policy.needsApproval).toBe(true);
    expect(policy.explanation).toMatch(/not scored/);
  });

  it('asks for approval at or above the threshold, not below', () => {
    const score = {
      method: 'cvss',
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      cvssVersion: '3.1',
      score: 9.8,
      severity: 'critical',
      stated: null,
    } as Threat['score'];
    expect(decisionPolicy(threat(score), defaultSettings()).needsApproval).toBe(true);
    const low = threat({ ...score, score: 2.0, severity: 'low' } as Threat['score']);
    expect(decisionPolicy(low, defaultSettings())).toMatchObject({
      needsApproval: false,
      severity: 'low',
    });
  });
});
