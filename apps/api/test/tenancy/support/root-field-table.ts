/**
 * The argument table of the cross-tenant suite: one entry per root field of
 * the GraphQL schema. A field missing here fails the suite, so a new query,
 * mutation or subscription cannot ship without saying how tenants are kept
 * apart on it.
 */

/** Ids of one organisation's resources, as the suite arranges them. */
export interface TenantResourceIds {
  organisation: string;
  system: string;
  model: string;
  invitation: string;
  /** A member other than the admin. */
  member: string;
  apiToken: string;
}

/** What an outcome must be for a caller that may not do the operation. */
export type RefusalCode = 'FORBIDDEN' | 'NOT_FOUND';

export type RootFieldEntry =
  | {
      /** Takes ids of a tenant's resources: a stranger gets the same NOT_FOUND as for random ids. */
      kind: 'tenant';
      /** Variables naming `target`'s resources; `caller` is the calling organisation. */
      variables: (
        target: TenantResourceIds,
        caller: { organisation: string },
      ) => Record<string, unknown>;
      /** Expected refusal for a viewer of the owner organisation (mutations only); undefined = may do it. */
      asOwnerViewer?: RefusalCode;
      /** Expected refusal for a member of an organisation with an auditor share (mutations only). */
      asAuditor?: RefusalCode;
    }
  | {
      /** Lists what the caller may see: a stranger's answer mentions none of the tenant's ids. */
      kind: 'list';
      selection: string;
    }
  | {
      /** About the caller alone (sign-in, own session); takes no tenant id. */
      kind: 'caller-only';
      reason: string;
    };

const renameCommand = { type: 'RenameThreatModel', name: 'renamed by someone else' };

/**
 * A typed model mutation: like executeModelCommand, refused to a viewer of the
 * owner and to an auditor organisation before the command is decided.
 */
function typedCommand(
  variables: (target: TenantResourceIds) => Record<string, unknown>,
): RootFieldEntry {
  return { kind: 'tenant', variables, asOwnerViewer: 'FORBIDDEN', asAuditor: 'FORBIDDEN' };
}

/** Keyed by `Query.<field>`, `Mutation.<field>`, `Subscription.<field>`. */
export const rootFieldTable: Record<string, RootFieldEntry> = {
  // Tenancy.
  'Query.organisations': { kind: 'list', selection: '{ id name slug }' },
  'Query.organisation': { kind: 'tenant', variables: (t) => ({ id: t.organisation }) },
  'Query.members': { kind: 'tenant', variables: (t) => ({ organisationId: t.organisation }) },
  'Query.invitations': { kind: 'tenant', variables: (t) => ({ organisationId: t.organisation }) },
  'Query.systems': {
    kind: 'list',
    selection: '{ edges { node { id ownerOrganisationId modelIds } } }',
  },
  'Query.system': { kind: 'tenant', variables: (t) => ({ id: t.system }) },
  'Mutation.createOrganisation': {
    kind: 'caller-only',
    reason: 'creates a new organisation owned by the caller',
  },
  'Mutation.registerSystem': {
    kind: 'caller-only',
    reason: 'registers a system in the acting organisation only',
  },
  'Mutation.inviteMember': {
    kind: 'tenant',
    variables: (t) => ({
      input: { organisationId: t.organisation, email: 'intruder@example.test', role: 'admin' },
    }),
    asOwnerViewer: 'FORBIDDEN',
    asAuditor: 'NOT_FOUND',
  },
  'Mutation.acceptInvitation': {
    kind: 'tenant',
    variables: (t) => ({ organisationId: t.organisation, invitationId: t.invitation }),
    asOwnerViewer: 'NOT_FOUND',
    asAuditor: 'NOT_FOUND',
  },
  'Mutation.revokeInvitation': {
    kind: 'tenant',
    variables: (t) => ({ organisationId: t.organisation, invitationId: t.invitation }),
    asOwnerViewer: 'FORBIDDEN',
    asAuditor: 'NOT_FOUND',
  },
  'Mutation.changeMemberRole': {
    kind: 'tenant',
    variables: (t) => ({ organisationId: t.organisation, userId: t.member, role: 'admin' }),
    asOwnerViewer: 'FORBIDDEN',
    asAuditor: 'NOT_FOUND',
  },
  'Mutation.removeMember': {
    kind: 'tenant',
    variables: (t) => ({ organisationId: t.organisation, userId: t.member }),
    asOwnerViewer: 'FORBIDDEN',
    asAuditor: 'NOT_FOUND',
  },
  'Mutation.addModelToSystem': {
    kind: 'tenant',
    variables: (t) => ({ systemId: t.system, modelId: t.model }),
    asOwnerViewer: 'FORBIDDEN',
    asAuditor: 'FORBIDDEN',
  },
  'Mutation.shareSystem': {
    kind: 'tenant',
    variables: (t, caller) => ({
      systemId: t.system,
      granteeOrganisationId: caller.organisation,
      role: 'editor',
    }),
    asOwnerViewer: 'FORBIDDEN',
    asAuditor: 'FORBIDDEN',
  },
  'Mutation.changeSystemShare': {
    kind: 'tenant',
    variables: (t, caller) => ({
      systemId: t.system,
      granteeOrganisationId: caller.organisation,
      role: 'editor',
    }),
    asOwnerViewer: 'FORBIDDEN',
    asAuditor: 'FORBIDDEN',
  },
  'Mutation.revokeSystemShare': {
    kind: 'tenant',
    variables: (t, caller) => ({ systemId: t.system, granteeOrganisationId: caller.organisation }),
    asOwnerViewer: 'FORBIDDEN',
    asAuditor: 'FORBIDDEN',
  },

  // Models and their views.
  'Query.models': { kind: 'list', selection: '{ edges { node { id organisationId systemId } } }' },
  'Query.model': { kind: 'tenant', variables: (t) => ({ id: t.model }) },
  'Query.threats': { kind: 'tenant', variables: (t) => ({ modelId: t.model }) },
  'Query.strideMatrix': { kind: 'tenant', variables: (t) => ({ modelId: t.model }) },
  'Query.checklist': { kind: 'tenant', variables: (t) => ({ modelId: t.model }) },
  'Query.modelHistory': { kind: 'tenant', variables: (t) => ({ modelId: t.model }) },
  'Query.verifyModelHistory': { kind: 'tenant', variables: (t) => ({ modelId: t.model }) },
  'Query.modelDiff': {
    kind: 'tenant',
    variables: (t) => ({ modelId: t.model, fromPosition: 0, toPosition: 1 }),
  },
  'Mutation.createThreatModel': {
    kind: 'tenant',
    variables: (t) => ({ input: { systemId: t.system, name: 'planted model' } }),
    asOwnerViewer: 'FORBIDDEN',
    asAuditor: 'FORBIDDEN',
  },
  'Mutation.executeModelCommand': {
    kind: 'tenant',
    variables: (t) => ({ modelId: t.model, expectedVersion: 0, command: renameCommand }),
    asOwnerViewer: 'FORBIDDEN',
    asAuditor: 'FORBIDDEN',
  },
  'Mutation.addElement': {
    kind: 'tenant',
    variables: (t) => ({
      modelId: t.model,
      expectedVersion: 0,
      input: { elementId: 'web', kind: 'process', name: 'Web app', zoneId: 'dmz' },
    }),
    asOwnerViewer: 'FORBIDDEN',
    asAuditor: 'FORBIDDEN',
  },
  'Mutation.identifyThreat': {
    kind: 'tenant',
    variables: (t) => ({
      modelId: t.model,
      expectedVersion: 0,
      input: {
        threatId: 'spoofed-login',
        title: 'Spoofed login',
        stride: 'spoofing',
        target: { kind: 'element', id: 'web' },
      },
    }),
    asOwnerViewer: 'FORBIDDEN',
    asAuditor: 'FORBIDDEN',
  },
  'Mutation.scoreThreat': {
    kind: 'tenant',
    variables: (t) => ({
      modelId: t.model,
      expectedVersion: 0,
      input: {
        threatId: 'spoofed-login',
        method: 'cvss',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      },
    }),
    asOwnerViewer: 'FORBIDDEN',
    asAuditor: 'FORBIDDEN',
  },
  'Mutation.addZone': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { zoneId: 'dmz', name: 'DMZ', trust: 'untrusted' },
  })),
  'Mutation.changeZone': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { zoneId: 'dmz', name: 'Renamed DMZ' },
  })),
  'Mutation.removeZone': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { zoneId: 'dmz' },
  })),
  'Mutation.changeElement': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { elementId: 'web', name: 'Renamed web app' },
  })),
  'Mutation.removeElement': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { elementId: 'web', threats: { policy: 'remove' } },
  })),
  'Mutation.addFlow': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { flowId: 'login', name: 'Login', sourceId: 'user', destinationId: 'web' },
  })),
  'Mutation.changeFlow': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { flowId: 'login', protocol: 'HTTPS' },
  })),
  'Mutation.removeFlow': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { flowId: 'login', threats: { policy: 'detach' } },
  })),
  'Mutation.addAsset': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { assetId: 'pii', name: 'Customer PII', sensitivity: 'high' },
  })),
  'Mutation.changeAsset': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { assetId: 'pii', businessImpact: 'critical' },
  })),
  'Mutation.removeAsset': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { assetId: 'pii' },
  })),
  'Mutation.recordAssumption': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { assumptionId: 'tls', text: 'TLS terminates at the load balancer' },
  })),
  'Mutation.withdrawAssumption': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { assumptionId: 'tls' },
  })),
  'Mutation.excludeFromScope': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { exclusionId: 'lab', text: 'The lab is out of scope' },
  })),
  'Mutation.reviseThreat': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { threatId: 'spoofed-login', title: 'Spoofed session' },
  })),
  'Mutation.retargetThreat': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { threatId: 'spoofed-login', target: { kind: 'element', id: 'web' } },
  })),
  'Mutation.changeThreatStatus': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { threatId: 'spoofed-login', status: 'in_progress' },
  })),
  'Mutation.removeThreat': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { threatId: 'spoofed-login' },
  })),
  'Mutation.declareNoThreats': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { targetKind: 'zone', targetId: 'dmz', reason: 'nothing runs there' },
  })),
  'Mutation.withdrawNoThreats': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { targetKind: 'zone', targetId: 'dmz' },
  })),
  'Mutation.planMitigation': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: {
      mitigationId: 'mfa',
      threatIds: ['spoofed-login'],
      strategies: ['mitigate'],
      action: 'Require MFA',
    },
  })),
  'Mutation.reviseMitigation': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { mitigationId: 'mfa', owner: 'someone else' },
  })),
  'Mutation.changeMitigationStatus': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { mitigationId: 'mfa', status: 'cancelled' },
  })),
  'Mutation.linkMitigation': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { mitigationId: 'mfa', threatId: 'spoofed-login' },
  })),
  'Mutation.unlinkMitigation': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { mitigationId: 'mfa', threatId: 'spoofed-login' },
  })),
  'Mutation.acceptRisk': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { decisionId: 'accept', threatId: 'spoofed-login', rationale: 'cheap to live with' },
  })),
  'Mutation.transferRisk': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: {
      decisionId: 'transfer',
      threatId: 'spoofed-login',
      rationale: 'insured',
      transferredTo: 'Insurer',
    },
  })),
  'Mutation.revokeRiskDecision': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { decisionId: 'accept', reason: 'revoked by someone else' },
  })),
  'Mutation.createAttackTree': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: {
      attackTreeId: 'tree',
      threatId: 'spoofed-login',
      rootNodeId: 'goal',
      rootKind: 'or',
      rootLabel: 'Log in as someone else',
    },
  })),
  'Mutation.addAttackTreeNode': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: {
      attackTreeId: 'tree',
      nodeId: 'phish',
      parentNodeId: 'goal',
      kind: 'leaf',
      label: 'Phish a password',
      feasibility: 'high',
    },
  })),
  'Mutation.removeAttackTreeNode': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { attackTreeId: 'tree', nodeId: 'phish' },
  })),
  'Mutation.freezeModelVersion': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { label: 'frozen by someone else' },
  })),
  'Mutation.signOffModelVersion': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { versionNumber: 1 },
  })),
  'Mutation.openModelDraft': typedCommand((t) => ({ modelId: t.model, expectedVersion: 0 })),
  'Mutation.planExternalValidation': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { reviewer: 'Outside reviewer', plannedFor: '2030-01-01' },
  })),
  // A record of review: an auditor organisation may attest (its answer is then
  // CONFLICT on expectedVersion 0 or success, never a refusal); an owner viewer may not.
  'Mutation.attestChecklistItem': {
    kind: 'tenant',
    variables: (t) => ({
      modelId: t.model,
      expectedVersion: 0,
      input: { item: 'clarity', verdict: 'pass', note: 'Reviewed by someone else' },
    }),
    asOwnerViewer: 'FORBIDDEN',
  },
  'Mutation.changeModelSettings': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { approvalThreshold: 'low' },
  })),
  'Mutation.renameThreatModel': typedCommand((t) => ({
    modelId: t.model,
    expectedVersion: 0,
    input: { name: 'renamed by someone else' },
  })),
  'Subscription.modelChanged': { kind: 'tenant', variables: (t) => ({ modelId: t.model }) },

  // Identity.
  'Query.me': { kind: 'caller-only', reason: 'the caller themself' },
  'Query.csrfToken': { kind: 'caller-only', reason: "the caller's own session" },
  'Query.apiTokens': { kind: 'list', selection: '{ edges { node { id } } }' },
  'Mutation.signUp': { kind: 'caller-only', reason: 'creates the caller' },
  'Mutation.signIn': { kind: 'caller-only', reason: 'authenticates the caller' },
  'Mutation.signOut': { kind: 'caller-only', reason: "ends the caller's own session" },
  'Mutation.createApiToken': {
    kind: 'tenant',
    variables: (t) => ({
      input: { organisationId: t.organisation, name: 'stolen', roleCeiling: 'viewer' },
    }),
  },
  'Query.oidcProvider': { kind: 'tenant', variables: (t) => ({ organisationId: t.organisation }) },
  'Mutation.configureOidcProvider': {
    kind: 'tenant',
    variables: (t) => ({
      input: {
        organisationId: t.organisation,
        issuer: 'https://idp.example.test',
        clientId: 'hijack',
      },
    }),
    asOwnerViewer: 'FORBIDDEN',
    asAuditor: 'NOT_FOUND',
  },
  'Mutation.revokeApiToken': {
    kind: 'tenant',
    variables: (t) => ({ id: t.apiToken }),
    asOwnerViewer: 'NOT_FOUND',
    asAuditor: 'NOT_FOUND',
  },
};
