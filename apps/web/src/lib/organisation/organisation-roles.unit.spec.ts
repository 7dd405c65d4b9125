import { describe, expect, it } from 'vitest';
import {
  isOrganisationRole,
  organisationRoleChoices,
  organisationRoleLabel,
} from './organisation-roles.js';

describe('organisation roles', () => {
  it('are offered strongest first', () => {
    expect(organisationRoleChoices).toEqual(['admin', 'risk_owner', 'editor', 'viewer']);
  });

  it('read as words', () => {
    expect(organisationRoleLabel('risk_owner')).toBe('Risk owner');
    expect(organisationRoleLabel('auditor')).toBe('auditor');
  });

  it('are told apart from other text', () => {
    expect(isOrganisationRole('editor')).toBe(true);
    expect(isOrganisationRole('owner')).toBe(false);
  });
});
