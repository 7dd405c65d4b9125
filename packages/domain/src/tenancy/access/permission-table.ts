import type { CommandType } from '../../commands.js';
import type { OrganisationRole, ShareRole } from '../roles.js';

/**
 * The one table of who may do what. Every access check of the API derives
 * from it: roles and share roles hold permissions (below), and every
 * operation a client can call names the one permission it needs
 * (`operationRules`). docs/tenancy.md shows the same table for readers.
 */

/** What a user may do on a system and the threat models it holds. */
export const systemPermissions = [
  'read',
  'edit',
  'decide_risk',
  'admin',
  'audit_history',
  'create_model',
  'attest',
] as const;
/** One thing a user may do on a system. */
export type SystemPermission = (typeof systemPermissions)[number];

/** What a user may do on an organisation itself (its members, invitations, systems, sign-in). */
export const organisationPermissions = [
  'read',
  'manage_members',
  'register_systems',
  'manage_sign_in',
] as const;
/** One thing a user may do on an organisation. */
export type OrganisationPermission = (typeof organisationPermissions)[number];

/** What an organisation role holds on its own organisation and on the systems it owns. */
export interface RoleHoldings {
  system: readonly SystemPermission[];
  organisation: readonly OrganisationPermission[];
}

/** Holdings of each organisation role (an API token's role ceiling caps the role first). */
export const rolePermissions: Readonly<Record<OrganisationRole, RoleHoldings>> = {
  admin: {
    system: ['read', 'edit', 'decide_risk', 'admin', 'audit_history', 'create_model', 'attest'],
    organisation: ['read', 'manage_members', 'register_systems', 'manage_sign_in'],
  },
  risk_owner: {
    system: ['read', 'edit', 'decide_risk', 'audit_history', 'create_model', 'attest'],
    organisation: ['read'],
  },
  editor: { system: ['read', 'edit', 'create_model'], organisation: ['read'] },
  viewer: { system: ['read'], organisation: ['read'] },
};

/**
 * Permissions that stay with the owner organisation: risk decisions and
 * approvals, administration (sharing) and adding models to a system never
 * travel through a share, whatever `sharePermissions` says.
 */
export const ownerOnlyPermissions: readonly SystemPermission[] = [
  'decide_risk',
  'admin',
  'create_model',
];

/** What a share role grants the grantee organisation's members on the shared system. */
export const sharePermissions: Readonly<Record<ShareRole, readonly SystemPermission[]>> = {
  editor: ['read', 'edit'],
  viewer: ['read'],
  // An attestation records a review, not a risk decision: auditors may record one.
  auditor: ['read', 'audit_history', 'attest'],
};

/** Permissions a share grants a grantee member only when their own role holds them too. */
export const permissionsNeedingOwnRole: readonly SystemPermission[] = ['edit'];

/** The permission each domain command of a threat model needs. */
export const commandPermissions: Readonly<Record<CommandType, SystemPermission>> = {
  CreateThreatModel: 'create_model',
  RenameThreatModel: 'edit',
  // The model's governing policy: severity bands, approval threshold, risk matrix.
  ChangeModelSettings: 'decide_risk',
  AddZone: 'edit',
  ChangeZone: 'edit',
  RemoveZone: 'edit',
  AddElement: 'edit',
  ChangeElement: 'edit',
  RemoveElement: 'edit',
  AddFlow: 'edit',
  ChangeFlow: 'edit',
  RemoveFlow: 'edit',
  AddAsset: 'edit',
  ChangeAsset: 'edit',
  RemoveAsset: 'edit',
  RecordAssumption: 'edit',
  WithdrawAssumption: 'edit',
  ExcludeFromScope: 'edit',
  IdentifyThreat: 'edit',
  ReviseThreat: 'edit',
  RetargetThreat: 'edit',
  ScoreThreat: 'edit',
  ChangeThreatStatus: 'edit',
  RemoveThreat: 'edit',
  DeclareNoThreats: 'edit',
  WithdrawNoThreats: 'edit',
  PlanMitigation: 'edit',
  ReviseMitigation: 'edit',
  ChangeMitigationStatus: 'edit',
  LinkMitigation: 'edit',
  UnlinkMitigation: 'edit',
  AcceptRisk: 'decide_risk',
  TransferRisk: 'decide_risk',
  RevokeRiskDecision: 'decide_risk',
  CreateAttackTree: 'edit',
  AddAttackTreeNode: 'edit',
  RemoveAttackTreeNode: 'edit',
  FreezeModelVersion: 'edit',
  SignOffModelVersion: 'decide_risk',
  OpenModelDraft: 'edit',
  PlanExternalValidation: 'edit',
  AttestChecklistItem: 'attest',
};

/** What an operation needs before anything else runs. */
export type OperationRule =
  /** Anyone, with or without a session (signing in, asking who one is). */
  | { kind: 'public' }
  /** Any signed-in user; it acts on the caller's own things or lists only what they may see. */
  | { kind: 'signed_in' }
  /** A permission on the organisation the operation names (or the acting one). */
  | { kind: 'organisation'; permission: OrganisationPermission }
  /** A permission on the system or model the operation names. */
  | { kind: 'system'; permission: SystemPermission }
  /** Runs one domain command on a model: the command's permission (`commandPermissions`). */
  | { kind: 'command'; command: CommandType }
  /** Runs whichever domain command it is given: that command's permission. */
  | { kind: 'any_command' };

const publicOperation = { kind: 'public' } as const;
const signedIn = { kind: 'signed_in' } as const;
const organisation = <P extends OrganisationPermission>(permission: P) =>
  ({ kind: 'organisation', permission }) as const;
const system = <P extends SystemPermission>(permission: P) =>
  ({ kind: 'system', permission }) as const;
const command = <C extends CommandType>(name: C) => ({ kind: 'command', command: name }) as const;

/**
 * Every operation a client can call, by surface and name
 * (`Query.<field>`, `Mutation.<field>`, `Subscription.<field>`; later surfaces
 * such as the co-editing socket or downloads join with their own prefix), and
 * the rule it is checked by. Adding an operation is one line here; the API's
 * schema-generated access suite fails until it is added.
 */
export const operationRules = {
  // Identity: the caller's own account, sessions and tokens.
  'Query.me': publicOperation,
  'Query.csrfToken': publicOperation,
  'Mutation.signUp': publicOperation,
  'Mutation.signIn': publicOperation,
  'Mutation.signOut': publicOperation,
  'Query.apiTokens': signedIn,
  'Mutation.revokeApiToken': signedIn,
  'Mutation.createApiToken': organisation('read'),
  'Query.oidcProvider': organisation('manage_sign_in'),
  'Mutation.configureOidcProvider': organisation('manage_sign_in'),

  // Organisations and their members.
  'Query.organisations': signedIn,
  'Mutation.createOrganisation': signedIn,
  'Mutation.acceptInvitation': signedIn,
  'Query.organisation': organisation('read'),
  'Query.members': organisation('read'),
  'Query.invitations': organisation('manage_members'),
  'Mutation.inviteMember': organisation('manage_members'),
  'Mutation.revokeInvitation': organisation('manage_members'),
  'Mutation.changeMemberRole': organisation('manage_members'),
  'Mutation.removeMember': organisation('manage_members'),
  // removeMember naming the caller: a member may always leave (the domain keeps the last admin).
  'Mutation.removeMember:self': organisation('read'),
  'Mutation.registerSystem': organisation('register_systems'),

  // Systems and their shares.
  'Query.systems': signedIn,
  'Query.system': system('read'),
  'Mutation.addModelToSystem': system('create_model'),
  'Mutation.shareSystem': system('admin'),
  'Mutation.changeSystemShare': system('admin'),
  'Mutation.revokeSystemShare': system('admin'),

  // Models: reading.
  'Query.models': signedIn,
  'Query.model': system('read'),
  'Query.threats': system('read'),
  'Query.strideMatrix': system('read'),
  'Query.checklist': system('read'),
  'Query.modelDiff': system('read'),
  'Query.modelHistory': system('audit_history'),
  'Query.verifyModelHistory': system('audit_history'),
  'Query.modelHistoryProof': system('audit_history'),
  'Query.decisionLog': system('audit_history'),
  'Query.decisionLogCsv': system('audit_history'),
  'Subscription.modelChanged': system('read'),

  // Models: changing.
  'Mutation.createThreatModel': command('CreateThreatModel'),
  'Mutation.executeModelCommand': { kind: 'any_command' },
  'Mutation.renameThreatModel': command('RenameThreatModel'),
  'Mutation.changeModelSettings': command('ChangeModelSettings'),
  'Mutation.addZone': command('AddZone'),
  'Mutation.changeZone': command('ChangeZone'),
  'Mutation.removeZone': command('RemoveZone'),
  'Mutation.addElement': command('AddElement'),
  'Mutation.changeElement': command('ChangeElement'),
  'Mutation.removeElement': command('RemoveElement'),
  'Mutation.addFlow': command('AddFlow'),
  'Mutation.changeFlow': command('ChangeFlow'),
  'Mutation.removeFlow': command('RemoveFlow'),
  'Mutation.addAsset': command('AddAsset'),
  'Mutation.changeAsset': command('ChangeAsset'),
  'Mutation.removeAsset': command('RemoveAsset'),
  'Mutation.recordAssumption': command('RecordAssumption'),
  'Mutation.withdrawAssumption': command('WithdrawAssumption'),
  'Mutation.excludeFromScope': command('ExcludeFromScope'),
  'Mutation.identifyThreat': command('IdentifyThreat'),
  'Mutation.reviseThreat': command('ReviseThreat'),
  'Mutation.retargetThreat': command('RetargetThreat'),
  'Mutation.scoreThreat': command('ScoreThreat'),
  'Mutation.changeThreatStatus': command('ChangeThreatStatus'),
  'Mutation.removeThreat': command('RemoveThreat'),
  'Mutation.declareNoThreats': command('DeclareNoThreats'),
  'Mutation.withdrawNoThreats': command('WithdrawNoThreats'),
  'Mutation.planMitigation': command('PlanMitigation'),
  'Mutation.reviseMitigation': command('ReviseMitigation'),
  'Mutation.changeMitigationStatus': command('ChangeMitigationStatus'),
  'Mutation.linkMitigation': command('LinkMitigation'),
  'Mutation.unlinkMitigation': command('UnlinkMitigation'),
  'Mutation.acceptRisk': command('AcceptRisk'),
  'Mutation.transferRisk': command('TransferRisk'),
  'Mutation.revokeRiskDecision': command('RevokeRiskDecision'),
  'Mutation.createAttackTree': command('CreateAttackTree'),
  'Mutation.addAttackTreeNode': command('AddAttackTreeNode'),
  'Mutation.removeAttackTreeNode': command('RemoveAttackTreeNode'),
  'Mutation.freezeModelVersion': command('FreezeModelVersion'),
  'Mutation.signOffModelVersion': command('SignOffModelVersion'),
  'Mutation.openModelDraft': command('OpenModelDraft'),
  'Mutation.planExternalValidation': command('PlanExternalValidation'),
  'Mutation.attestChecklistItem': command('AttestChecklistItem'),
  // HTTP: what anyone needs to check the event log's checkpoints (docs/tamper-evidence.md).
  'Http.GET /.well-known/threatloom/checkpoint-key': publicOperation,
  'Http.GET /.well-known/threatloom/checkpoint': publicOperation,
  'Http.GET /.well-known/threatloom/consistency': publicOperation,
} as const satisfies Record<string, OperationRule>;

/** The name of an operation in the table. */
export type OperationName = keyof typeof operationRules;

/** Operations checked by a permission on an organisation. */
export type OrganisationOperation = {
  [Name in OperationName]: (typeof operationRules)[Name] extends { kind: 'organisation' }
    ? Name
    : never;
}[OperationName];

/** Operations checked by a permission on a system or model. */
export type SystemOperation = {
  [Name in OperationName]: (typeof operationRules)[Name] extends { kind: 'system' } ? Name : never;
}[OperationName];

/** The organisation permission an organisation operation needs. */
export function organisationPermissionOf(operation: OrganisationOperation): OrganisationPermission {
  return operationRules[operation].permission;
}

/** The system permission a system or model operation needs. */
export function systemPermissionOf(operation: SystemOperation): SystemPermission {
  return operationRules[operation].permission;
}

/** The permission a model command needs (`CreateThreatModel`: `create_model` on the system). */
export function commandPermissionOf(commandType: CommandType): SystemPermission {
  return commandPermissions[commandType];
}

/** Whether `name` is a command type of the table (so `commandPermissionOf` applies). */
export function isCommandType(name: string): name is CommandType {
  return Object.hasOwn(commandPermissions, name);
}

/** Whether the table has an entry for `name`. */
export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(operationRules, name);
}

/** Names in `names` with no entry in the table: a new operation must be added before it ships. */
export function operationsWithoutRule(names: readonly string[]): string[] {
  return names.filter((name) => !isOperationName(name));
}

const strongestFirst: readonly OrganisationRole[] = ['admin', 'risk_owner', 'editor', 'viewer'];

/** Organisation roles holding `permission` on their own organisation's systems, strongest first. */
export function rolesWithSystemPermission(permission: SystemPermission): OrganisationRole[] {
  return strongestFirst.filter((role) => rolePermissions[role].system.includes(permission));
}

/** Organisation roles holding `permission` on their own organisation, strongest first. */
export function rolesWithOrganisationPermission(
  permission: OrganisationPermission,
): OrganisationRole[] {
  return strongestFirst.filter((role) => rolePermissions[role].organisation.includes(permission));
}
