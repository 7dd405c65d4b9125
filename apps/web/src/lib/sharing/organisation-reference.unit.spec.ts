import { describe, expect, it } from 'vitest';
import {
  organisationIdFrom,
  organisationLabel,
  shareCandidates,
} from './organisation-reference.js';

const genomeWell = { id: '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a03', name: 'GenomeWell', slug: 'gw' };
const helix = { id: '11111111-2222-4333-8444-555555555555', name: 'Helix', slug: 'helix' };
const regulator = { id: '99999999-8888-4777-8666-555555555555', name: 'Regulator', slug: 'reg' };

describe('organisationIdFrom', () => {
  it('finds the id in what was pasted around it, in lower case', () => {
    expect(organisationIdFrom(`  "Organisation id: ${helix.id.toUpperCase()}."\n`)).toBe(helix.id);
  });

  it.each(['', 'helix', '11111111-2222-4333-8444'])('finds none in %j', (text) => {
    expect(organisationIdFrom(text)).toBeNull();
  });
});

describe('organisationLabel', () => {
  it('names an organisation the user belongs to', () => {
    expect(organisationLabel(helix.id, [genomeWell, helix])).toBe('Helix');
  });

  it('shortens the id of one they do not', () => {
    expect(organisationLabel(regulator.id, [genomeWell])).toBe('Organisation 99999999');
  });
});

describe('shareCandidates', () => {
  it('leaves out the owner and organisations that already hold a share', () => {
    expect(shareCandidates([genomeWell, helix, regulator], genomeWell.id, [regulator.id])).toEqual([
      helix,
    ]);
  });
});
