import {
  defaultSettings,
  emptyContent,
  threatTable,
  type ModelContent,
  type Threat,
} from '@threatloom/domain';
import { describe, expect, it } from 'vitest';
import { registerRows, targetKey } from './register-rows.js';

function threat(id: string, ref: number, fields: Partial<Threat> = {}): Threat {
  return {
    id,
    ref,
    sourceRef: null,
    title: `Threat ${ref}`,
    description: '',
    stride: 'spoofing',
    linddun: null,
    target: { kind: 'element', id: 'gateway' },
    assetIds: [],
    status: 'open',
    score: null,
    ...fields,
  };
}

function model(): ModelContent {
  const content = emptyContent();
  content.zones['dmz'] = {
    id: 'dmz',
    name: 'DMZ',
    trust: 'low',
    parentZoneId: null,
    description: '',
  };
  content.elements['gateway'] = {
    id: 'gateway',
    kind: 'process',
    name: 'API gateway',
    description: '',
    technology: '',
    zoneId: 'dmz',
    c4Level: 'container',
    tags: [],
  };
  content.elements['browser'] = {
    ...content.elements['gateway'],
    id: 'browser',
    kind: 'external_entity',
    name: 'Browser',
  };
  content.flows['login'] = {
    id: 'login',
    name: 'Login request',
    sourceId: 'browser',
    destinationId: 'gateway',
    bidirectional: false,
    data: '',
    protocol: 'HTTPS',
  };
  content.threats['t2'] = threat('t2', 2, {
    target: { kind: 'flow', id: 'login' },
    stride: 'tampering',
    score: {
      method: 'cvss',
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      cvssVersion: '3.1',
      score: 9.8,
      severity: 'critical',
      stated: null,
    },
  });
  content.threats['t1'] = threat('t1', 1, {
    score: {
      method: 'stated',
      score: null,
      severity: null,
      stated: { score: 5.5, severity: null },
    },
  });
  content.threats['t3'] = threat('t3', 3, { target: null, status: 'mitigated' });
  content.mitigations['m1'] = {
    id: 'm1',
    threatIds: ['t1', 't2'],
    strategies: ['mitigate'],
    action: 'Rate-limit sign-in',
    owner: 'Platform team',
    status: 'planned',
    dueDate: null,
    verification: null,
    ticketUrl: null,
    effectiveness: null,
    residualRisk: null,
  };
  content.mitigations['m2'] = {
    ...content.mitigations['m1'],
    id: 'm2',
    threatIds: ['t1'],
    strategies: ['transfer', 'mitigate'],
    owner: 'Security',
  };
  return content;
}

describe('registerRows', () => {
  it('lists every threat by ref, with its target named', () => {
    const rows = registerRows(model());
    expect(rows.map((row) => row.ref)).toEqual([1, 2, 3]);
    expect(rows[0]?.target).toEqual({ kind: 'element', id: 'gateway', name: 'API gateway' });
    expect(rows[1]?.target).toEqual({ kind: 'flow', id: 'login', name: 'Login request' });
    expect(rows[2]?.target).toBeNull();
  });

  it('takes strategies and owners from the mitigations linked to each threat, once each', () => {
    const [first, second, third] = registerRows(model());
    expect(first?.strategies).toEqual(['mitigate', 'transfer']);
    expect(first?.owners).toEqual(['Platform team', 'Security']);
    expect(second?.owners).toEqual(['Platform team']);
    expect(third?.strategies).toEqual([]);
    expect(third?.owners).toEqual([]);
  });

  it('agrees with the domain threat table on every column it shows', () => {
    const content = model();
    const rows = registerRows(content);
    const table = threatTable(content);
    expect(
      rows.map((row) => [
        row.threatId,
        row.ref,
        row.title,
        row.target,
        row.stride,
        row.score,
        row.severity,
        [...row.strategies].sort(),
        row.owners,
        row.status,
      ]),
    ).toEqual(
      table.map((row) => [
        row.threatId,
        row.ref,
        row.title,
        row.target,
        row.stride,
        row.score,
        row.severity,
        [...row.strategies].sort(),
        row.owners,
        row.status,
      ]),
    );
  });

  it('bands a stated score with the model settings when no severity was stated', () => {
    const content = model();
    content.settings = defaultSettings();
    expect(registerRows(content)[0]?.severity).toBe('medium');
  });

  it('reads a threat the server has not numbered yet as ref 0, first', () => {
    const content = model();
    content.threats['new'] = threat('new', 0);
    expect(registerRows(content)[0]?.threatId).toBe('new');
  });

  it('names a target that was removed by its id rather than failing', () => {
    const content = model();
    delete content.flows['login'];
    expect(registerRows(content)[1]?.target?.name).toBe('login');
  });
});

describe('targetKey', () => {
  it('keys a target by kind and id, and a detached threat as none', () => {
    expect(targetKey({ kind: 'flow', id: 'login' })).toBe('flow:login');
    expect(targetKey(null)).toBe('none');
  });
});
