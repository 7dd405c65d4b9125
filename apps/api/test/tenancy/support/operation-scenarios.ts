/**
 * How the access suite runs each root field of the GraphQL schema: what one
 * run needs arranged (a model in the right state, an invitation, a fresh
 * organisation to share with) and the variables it is called with. Which
 * actor may run it is not here: that comes from the domain's operation
 * table (`operationRules`), and the suite fails for a root field with no
 * entry there or no scenario here.
 */
import { randomUUID } from 'node:crypto';
import type { Command, CommandType, Standing } from '@threatloom/domain';
import { uniqueEmail } from '../../identity/support/identity-operations.js';
import type { TestUser } from './tenancy-actors.js';
import { homeStanding, type AccessWorld, type ActorName } from './access-world.js';

/** One run of an operation as one actor. */
export interface Run {
  variables: Record<string, unknown>;
  /** Another session of the same actor (operations that replace or end their session). */
  caller?: TestUser;
  /** A model the run may change: a refused run must leave its stream as it was. */
  modelId?: string;
}

/** How one root field is run. */
export interface Scenario {
  /**
   * Arranges one run for `actor` (called once for each actor the table
   * allows, and once for all the refused ones, which share it).
   */
  arrange(world: AccessWorld, actor: ActorName): Promise<Run>;
  /** Where the actor stands for this operation (default: towards the owner organisation). */
  standing?: (actor: ActorName) => Standing;
  /** For executeModelCommand: the command it runs. */
  commandType?: CommandType;
  /** The selection on an object result (default `{ __typename }`). */
  selection?: string;
  /** A list: an actor with no standing must see none of the owner's ids in it. */
  isList?: boolean;
  /**
   * Allowed runs append to one shared stream (the system's), where concurrent
   * appends answer CONFLICT by design: run them one after another.
   */
  isOneAtATime?: boolean;
  /**
   * For operations on the caller's own things: variables naming someone
   * else's (the owner admin's token, an invitation to another person). A
   * stranger naming them must get the NOT_FOUND that ids which do not exist get.
   */
  othersVariables?: (world: AccessWorld) => Promise<Record<string, unknown>>;
}

const zone: Command = { type: 'AddZone', zoneId: 'dmz', name: 'DMZ', trust: 'untrusted' };
const web: Command = {
  type: 'AddElement',
  elementId: 'web',
  kind: 'process',
  name: 'Web app',
  zoneId: 'dmz',
};
const user: Command = {
  type: 'AddElement',
  elementId: 'user',
  kind: 'external_entity',
  name: 'User',
  zoneId: 'dmz',
};
const login: Command = {
  type: 'AddFlow',
  flowId: 'login',
  name: 'Login',
  sourceId: 'user',
  destinationId: 'web',
};
const threat: Command = {
  type: 'IdentifyThreat',
  threatId: 'spoofed-login',
  title: 'Spoofed login',
  stride: 'spoofing',
  target: { kind: 'element', id: 'web' },
};
const secondThreat: Command = {
  type: 'IdentifyThreat',
  threatId: 'flooded-login',
  title: 'Flooded login',
  stride: 'denial_of_service',
  target: { kind: 'element', id: 'web' },
};
const mitigation: Command = {
  type: 'PlanMitigation',
  mitigationId: 'mfa',
  threatIds: ['spoofed-login'],
  strategies: ['mitigate'],
  action: 'Require MFA',
};
const acceptance: Command = {
  type: 'AcceptRisk',
  decisionId: 'accepted',
  threatId: 'spoofed-login',
  rationale: 'the owner lives with it',
};
const tree: Command = {
  type: 'CreateAttackTree',
  attackTreeId: 'tree',
  threatId: 'spoofed-login',
  rootNodeId: 'goal',
  rootKind: 'or',
  rootLabel: 'Log in as someone else',
};
const freeze: Command = { type: 'FreezeModelVersion', label: 'v1' };

const withThreat = [zone, web, threat];
const lowScore: Command = {
  type: 'ScoreThreat',
  threatId: 'spoofed-login',
  method: { method: 'stated' },
  stated: { severity: 'low' },
};

/** A typed model mutation: a model staged with `given`, then the mutation at its version. */
function onModel(given: readonly Command[], input?: Record<string, unknown>): Scenario {
  return {
    async arrange(world) {
      const model = await world.stageModel(given);
      return {
        modelId: model.modelId,
        variables: {
          modelId: model.modelId,
          expectedVersion: model.streamVersion,
          ...(input === undefined ? {} : { input }),
        },
      };
    },
  };
}

/** A read of the owner's shared model (arranged once: reads change nothing). */
function onSharedModel(variables: (modelId: string) => Record<string, unknown>): Scenario {
  return {
    async arrange(world) {
      return { variables: variables(await sharedModelOf(world)) };
    },
  };
}

const sharedModels = new WeakMap<AccessWorld, Promise<string>>();

/** One model with content, staged once per world, that every read runs against. */
function sharedModelOf(world: AccessWorld): Promise<string> {
  let model = sharedModels.get(world);
  if (model === undefined) {
    model = world.stageModel([...withThreat, mitigation]).then((staged) => staged.modelId);
    sharedModels.set(world, model);
  }
  return model;
}

/** A run of a public operation in a session of its own, so the actor's session stays as it was. */
function inOwnSession(
  variables: (
    world: AccessWorld,
    actor: ActorName,
  ) => Promise<Record<string, unknown>> | Record<string, unknown>,
): Scenario {
  return {
    async arrange(world, actor) {
      return {
        caller: await world.secondSessionOf(actor),
        variables: await variables(world, actor),
      };
    },
  };
}

const ownerOrganisation = (name: string, extra: Record<string, unknown> = {}): Scenario => ({
  async arrange(world) {
    return { variables: { [name]: world.owner.id, ...extra } };
  },
});

/** A share of the owner's system with a fresh organisation (so each run has its own grantee). */
function onFreshShare(
  role: 'editor' | 'viewer' | 'auditor' | null,
  variables: (systemId: string, granteeId: string) => Record<string, unknown>,
): Scenario {
  return {
    async arrange(world) {
      const grantee = await world.newOrganisation('grantee');
      if (role !== null) await world.shareWith(grantee.id, role);
      return { variables: variables(world.systemId, grantee.id) };
    },
  };
}

/** Keyed by `Query.<field>`, `Mutation.<field>`, `Subscription.<field>`. */
export const operationScenarios: Record<string, Scenario> = {
  // Identity.
  'Query.me': {
    async arrange() {
      return { variables: {} };
    },
    selection: '{ user { id } }',
  },
  'Query.csrfToken': {
    async arrange() {
      return { variables: {} };
    },
  },
  'Mutation.signUp': inOwnSession(() => ({
    email: uniqueEmail('signup'),
    password: 'correct horse battery staple',
  })),
  'Mutation.signIn': inOwnSession(async (world, actor) => ({
    email:
      actor === 'anonymous' ? (await world.newAccount('signin')).email : world.actors[actor].email,
    password: 'correct horse battery staple',
  })),
  'Mutation.signOut': inOwnSession(() => ({})),
  'Query.apiTokens': {
    async arrange() {
      return { variables: {} };
    },
    selection: '{ edges { node { id organisationId } } }',
    isList: true,
  },
  'Mutation.revokeApiToken': {
    async arrange(world, actor) {
      const owner = actor === 'anonymous' ? world.actors.ownerAdmin : world.actors[actor];
      return { variables: { id: await world.apiTokenOf(owner) } };
    },
    othersVariables: async (world) => ({ id: await world.apiTokenOf(world.actors.ownerAdmin) }),
  },
  'Mutation.createApiToken': {
    async arrange(world) {
      return {
        variables: { input: { organisationId: world.owner.id, name: 'ci', roleCeiling: 'viewer' } },
      };
    },
  },
  'Query.oidcProvider': ownerOrganisation('organisationId'),
  'Mutation.configureOidcProvider': {
    async arrange(world) {
      return {
        variables: {
          input: {
            organisationId: world.owner.id,
            issuer: world.oidcProvider.issuer,
            clientId: world.oidcProvider.clientId,
          },
        },
      };
    },
  },

  // Organisations.
  'Query.organisations': {
    async arrange() {
      return { variables: {} };
    },
    selection: '{ id name }',
    isList: true,
  },
  'Mutation.createOrganisation': {
    async arrange() {
      const slug = `org-${randomUUID().slice(0, 8)}`;
      return { variables: { input: { name: 'New Ltd', slug } } };
    },
  },
  'Mutation.acceptInvitation': {
    // A fresh inviting organisation per run: concurrent accepts in one organisation would conflict.
    async arrange(world, actor) {
      const email = actor === 'anonymous' ? uniqueEmail('nobody') : world.actors[actor].email;
      const inviting = await world.newOrganisation('host');
      return {
        variables: {
          organisationId: inviting.id,
          invitationId: await world.invite(inviting, email),
        },
      };
    },
    othersVariables: async (world) => ({
      organisationId: world.owner.id,
      invitationId: await world.invite(world.owner, uniqueEmail('someone-else')),
    }),
  },
  'Query.organisation': ownerOrganisation('id'),
  'Query.members': ownerOrganisation('organisationId'),
  'Query.invitations': ownerOrganisation('organisationId'),
  'Mutation.inviteMember': {
    async arrange(world) {
      return {
        variables: {
          input: { organisationId: world.owner.id, email: uniqueEmail('invitee'), role: 'viewer' },
        },
      };
    },
  },
  'Mutation.revokeInvitation': {
    async arrange(world) {
      const invitationId = await world.invite(world.owner, uniqueEmail('revoked'));
      return { variables: { organisationId: world.owner.id, invitationId } };
    },
  },
  'Mutation.changeMemberRole': {
    async arrange(world) {
      const member = await world.newOwnerMember('viewer');
      return {
        variables: { organisationId: world.owner.id, userId: member.userId, role: 'editor' },
      };
    },
  },
  'Mutation.removeMember': {
    async arrange(world) {
      const member = await world.newOwnerMember('viewer');
      return { variables: { organisationId: world.owner.id, userId: member.userId } };
    },
  },
  'Mutation.registerSystem': {
    async arrange() {
      return { variables: { input: { name: 'Another system', criticalityTier: 3 } } };
    },
    // Registered in the caller's own (acting) organisation.
    standing: homeStanding,
  },

  // Systems.
  'Query.systems': {
    async arrange() {
      return { variables: {} };
    },
    selection: '{ edges { node { id ownerOrganisationId modelIds } } }',
    isList: true,
  },
  'Query.system': {
    async arrange(world) {
      return { variables: { id: world.systemId } };
    },
  },
  'Mutation.addModelToSystem': {
    async arrange(world) {
      const model = await world.stageModel([]);
      return { variables: { systemId: world.systemId, modelId: model.modelId } };
    },
    isOneAtATime: true,
  },
  'Mutation.shareSystem': onFreshShare(null, (systemId, granteeOrganisationId) => ({
    systemId,
    granteeOrganisationId,
    role: 'viewer',
  })),
  'Mutation.changeSystemShare': onFreshShare('viewer', (systemId, granteeOrganisationId) => ({
    systemId,
    granteeOrganisationId,
    role: 'editor',
  })),
  'Mutation.revokeSystemShare': onFreshShare('viewer', (systemId, granteeOrganisationId) => ({
    systemId,
    granteeOrganisationId,
  })),

  // Models: reads.
  'Query.models': {
    async arrange() {
      return { variables: {} };
    },
    selection: '{ edges { node { id organisationId systemId } } }',
    isList: true,
  },
  'Query.model': onSharedModel((id) => ({ id })),
  'Query.threats': onSharedModel((modelId) => ({ modelId })),
  'Query.strideMatrix': onSharedModel((modelId) => ({ modelId })),
  'Query.checklist': onSharedModel((modelId) => ({ modelId })),
  'Query.modelDiff': onSharedModel((modelId) => ({ modelId, fromPosition: 0, toPosition: 1 })),
  'Query.modelHistory': onSharedModel((modelId) => ({ modelId })),
  'Query.verifyModelHistory': onSharedModel((modelId) => ({ modelId })),
  'Query.modelHistoryProof': onSharedModel((modelId) => ({ modelId })),
  'Query.decisionLog': onSharedModel((modelId) => ({ modelId })),
  'Query.decisionLogCsv': onSharedModel((modelId) => ({ modelId })),
  'Subscription.modelChanged': onSharedModel((modelId) => ({ modelId })),

  // Models: changes.
  'Mutation.createThreatModel': {
    async arrange(world) {
      return { variables: { input: { systemId: world.systemId, name: 'A new model' } } };
    },
  },
  'Mutation.executeModelCommand': {
    async arrange(world) {
      const model = await world.stageModel([...withThreat, acceptance]);
      return {
        modelId: model.modelId,
        variables: {
          modelId: model.modelId,
          expectedVersion: model.streamVersion,
          command: {
            type: 'RevokeRiskDecision',
            decisionId: 'accepted',
            reason: 'no longer holds',
          },
        },
      };
    },
    commandType: 'RevokeRiskDecision',
  },
  'Mutation.renameThreatModel': onModel([], { name: 'Renamed' }),
  'Mutation.changeModelSettings': onModel([], { approvalThreshold: 'low' }),
  'Mutation.addZone': onModel([], { zoneId: 'dmz', name: 'DMZ', trust: 'untrusted' }),
  'Mutation.changeZone': onModel([zone], { zoneId: 'dmz', name: 'Renamed DMZ' }),
  'Mutation.removeZone': onModel([zone], { zoneId: 'dmz' }),
  'Mutation.addElement': onModel([zone], {
    elementId: 'web',
    kind: 'process',
    name: 'Web app',
    zoneId: 'dmz',
  }),
  'Mutation.changeElement': onModel([zone, web], { elementId: 'web', name: 'Renamed web app' }),
  'Mutation.removeElement': onModel([zone, web], {
    elementId: 'web',
    threats: { policy: 'remove' },
  }),
  'Mutation.addFlow': onModel([zone, web, user], {
    flowId: 'login',
    name: 'Login',
    sourceId: 'user',
    destinationId: 'web',
  }),
  'Mutation.changeFlow': onModel([zone, web, user, login], { flowId: 'login', protocol: 'HTTPS' }),
  'Mutation.removeFlow': onModel([zone, web, user, login], {
    flowId: 'login',
    threats: { policy: 'detach' },
  }),
  'Mutation.addAsset': onModel([], { assetId: 'pii', name: 'Customer PII', sensitivity: 'high' }),
  'Mutation.changeAsset': onModel(
    [{ type: 'AddAsset', assetId: 'pii', name: 'Customer PII', sensitivity: 'high' }],
    {
      assetId: 'pii',
      businessImpact: 'critical',
    },
  ),
  'Mutation.removeAsset': onModel(
    [{ type: 'AddAsset', assetId: 'pii', name: 'Customer PII', sensitivity: 'high' }],
    {
      assetId: 'pii',
    },
  ),
  'Mutation.recordAssumption': onModel([], {
    assumptionId: 'tls',
    text: 'TLS terminates at the load balancer',
  }),
  'Mutation.withdrawAssumption': onModel(
    [{ type: 'RecordAssumption', assumptionId: 'tls', text: 'TLS at the edge' }],
    { assumptionId: 'tls' },
  ),
  'Mutation.excludeFromScope': onModel([], { exclusionId: 'lab', text: 'The lab is out of scope' }),
  'Mutation.identifyThreat': onModel([zone, web], {
    threatId: 'spoofed-login',
    title: 'Spoofed login',
    stride: 'spoofing',
    target: { kind: 'element', id: 'web' },
  }),
  'Mutation.reviseThreat': onModel(withThreat, {
    threatId: 'spoofed-login',
    title: 'Spoofed session',
  }),
  'Mutation.retargetThreat': onModel([...withThreat, user], {
    threatId: 'spoofed-login',
    target: { kind: 'element', id: 'user' },
  }),
  'Mutation.scoreThreat': onModel(withThreat, {
    threatId: 'spoofed-login',
    method: 'cvss',
    vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  }),
  'Mutation.changeThreatStatus': onModel(withThreat, {
    threatId: 'spoofed-login',
    status: 'in_progress',
  }),
  'Mutation.removeThreat': onModel(withThreat, { threatId: 'spoofed-login' }),
  'Mutation.declareNoThreats': onModel([zone], {
    targetKind: 'zone',
    targetId: 'dmz',
    reason: 'nothing runs there',
  }),
  'Mutation.withdrawNoThreats': onModel(
    [zone, { type: 'DeclareNoThreats', targetKind: 'zone', targetId: 'dmz', reason: 'empty' }],
    { targetKind: 'zone', targetId: 'dmz' },
  ),
  'Mutation.planMitigation': onModel(withThreat, {
    mitigationId: 'mfa',
    threatIds: ['spoofed-login'],
    strategies: ['mitigate'],
    action: 'Require MFA',
  }),
  'Mutation.reviseMitigation': onModel([...withThreat, mitigation], {
    mitigationId: 'mfa',
    owner: 'someone else',
  }),
  'Mutation.changeMitigationStatus': onModel([...withThreat, mitigation], {
    mitigationId: 'mfa',
    status: 'cancelled',
  }),
  'Mutation.linkMitigation': onModel([...withThreat, secondThreat, mitigation], {
    mitigationId: 'mfa',
    threatId: 'flooded-login',
  }),
  'Mutation.unlinkMitigation': onModel(
    [
      ...withThreat,
      secondThreat,
      mitigation,
      { type: 'LinkMitigation', mitigationId: 'mfa', threatId: 'flooded-login' },
    ],
    { mitigationId: 'mfa', threatId: 'flooded-login' },
  ),
  // A low threat: below the approval threshold, where only the table's decide_risk keeps editors out.
  'Mutation.acceptRisk': onModel([...withThreat, lowScore], {
    decisionId: 'accept',
    threatId: 'spoofed-login',
    rationale: 'cheap to live with',
  }),
  'Mutation.transferRisk': onModel([...withThreat, lowScore], {
    decisionId: 'transfer',
    threatId: 'spoofed-login',
    rationale: 'insured',
    transferredTo: 'Insurer',
  }),
  'Mutation.revokeRiskDecision': onModel([...withThreat, acceptance], {
    decisionId: 'accepted',
    reason: 'no longer holds',
  }),
  'Mutation.createAttackTree': onModel(withThreat, {
    attackTreeId: 'tree',
    threatId: 'spoofed-login',
    rootNodeId: 'goal',
    rootKind: 'or',
    rootLabel: 'Log in as someone else',
  }),
  'Mutation.addAttackTreeNode': onModel([...withThreat, tree], {
    attackTreeId: 'tree',
    nodeId: 'phish',
    parentNodeId: 'goal',
    kind: 'leaf',
    label: 'Phish a password',
    feasibility: 'high',
  }),
  'Mutation.removeAttackTreeNode': onModel(
    [
      ...withThreat,
      tree,
      {
        type: 'AddAttackTreeNode',
        attackTreeId: 'tree',
        nodeId: 'phish',
        parentNodeId: 'goal',
        kind: 'leaf',
        label: 'Phish',
      },
    ],
    { attackTreeId: 'tree', nodeId: 'phish' },
  ),
  'Mutation.freezeModelVersion': onModel([], { label: 'v1' }),
  'Mutation.signOffModelVersion': onModel([freeze], { versionNumber: 1 }),
  'Mutation.openModelDraft': onModel([freeze]),
  'Mutation.planExternalValidation': onModel([], {
    reviewer: 'Outside reviewer',
    plannedFor: '2030-01-01',
  }),
  'Mutation.attestChecklistItem': onModel([...withThreat], {
    item: 'clarity',
    verdict: 'pass',
    note: 'Every threat names its element, attacker and impact.',
  }),
};
