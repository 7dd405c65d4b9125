import { randomUUID } from 'node:crypto';
import {
  decide,
  initialState,
  replay,
  type Command,
  type DomainEvent,
  type OrganisationRole,
  type Role,
  type Standing,
} from '@threatloom/domain';
import { checkpointOf, type StoredEvent } from '@threatloom/eventstore';
import { ProjectionProgress } from '../../../src/projections/projection-progress.js';
import { MODEL_READ_MODEL_PROJECTION } from '../../../src/projections/model-read-model/model-read-model.projection.js';
import { TENANCY_PROJECTION } from '../../../src/tenancy/projection/tenancy.projection.js';
import { CookieBrowser } from '../../identity/support/cookie-browser.js';
import { signIn } from '../../identity/support/identity-operations.js';
import type { TestServer } from '../../identity/support/identity-test-server.js';
import {
  startOidcProvider,
  type TestOidcProvider,
} from '../../identity/support/oidc-test-provider.js';
import { newUser, ok, type TestUser } from './tenancy-actors.js';
import {
  addMember,
  newOrganisation,
  newSystem,
  share,
  type TestOrganisation,
} from './tenancy-world.js';

/** The nine kinds of caller every operation is run as. */
export const actorNames = [
  'ownerAdmin',
  'ownerRiskOwner',
  'ownerEditor',
  'ownerViewer',
  'granteeEditor',
  'granteeViewer',
  'granteeAuditor',
  'stranger',
  'anonymous',
] as const;
/** One kind of caller. */
export type ActorName = (typeof actorNames)[number];

/** The password every test user signs up with (identity-operations' signUp). */
export const testPassword = 'correct horse battery staple';

/** Each actor's role in its own (acting) organisation; grantees and the stranger are admins at home. */
export const homeRoles: Record<ActorName, OrganisationRole | null> = {
  ownerAdmin: 'admin',
  ownerRiskOwner: 'risk_owner',
  ownerEditor: 'editor',
  ownerViewer: 'viewer',
  granteeEditor: 'admin',
  granteeViewer: 'admin',
  granteeAuditor: 'admin',
  stranger: 'admin',
  anonymous: null,
};

/** Where each actor stands towards the owner organisation and its system. */
export const ownerStandings: Record<ActorName, Standing> = {
  ownerAdmin: { isSignedIn: true, memberRole: 'admin', share: null },
  ownerRiskOwner: { isSignedIn: true, memberRole: 'risk_owner', share: null },
  ownerEditor: { isSignedIn: true, memberRole: 'editor', share: null },
  ownerViewer: { isSignedIn: true, memberRole: 'viewer', share: null },
  granteeEditor: {
    isSignedIn: true,
    memberRole: null,
    share: { role: 'editor', memberRole: 'admin' },
  },
  granteeViewer: {
    isSignedIn: true,
    memberRole: null,
    share: { role: 'viewer', memberRole: 'admin' },
  },
  granteeAuditor: {
    isSignedIn: true,
    memberRole: null,
    share: { role: 'auditor', memberRole: 'admin' },
  },
  stranger: { isSignedIn: true, memberRole: null, share: null },
  anonymous: { isSignedIn: false, memberRole: null, share: null },
};

/** Where each actor stands towards its own acting organisation. */
export function homeStanding(actor: ActorName): Standing {
  return { isSignedIn: actor !== 'anonymous', memberRole: homeRoles[actor], share: null };
}

/** A staged threat model: its id and the stream version to pass as expectedVersion. */
export interface StagedModel {
  modelId: string;
  streamVersion: number;
}

/** The world the access suite runs in: the owner organisation, its system, its grantees and outsiders. */
export class AccessWorld {
  private lastStored: StoredEvent | undefined;

  private constructor(
    readonly server: TestServer,
    readonly owner: TestOrganisation,
    readonly systemId: string,
    readonly actors: Record<ActorName, TestUser>,
    /** A real OpenID provider, so configuring one can succeed. */
    readonly oidcProvider: TestOidcProvider,
  ) {}

  /** Builds the world through real mutations: organisations, members, a system and its three shares. */
  static async arrange(server: TestServer): Promise<AccessWorld> {
    const owner = await newOrganisation(server, 'owner');
    const systemId = await newSystem(server, owner, 'Owner platform');
    // One after another: each joins through the organisation's stream.
    const riskOwner = await addMember(server, owner, 'risk_owner');
    const editor = await addMember(server, owner, 'editor');
    const viewer = await addMember(server, owner, 'viewer');
    const [granteeEditor, granteeViewer, granteeAuditor, stranger] = await Promise.all([
      newOrganisation(server, 'vendor'),
      newOrganisation(server, 'partner'),
      newOrganisation(server, 'regulator'),
      newOrganisation(server, 'stranger'),
    ]);
    await share(server, owner, systemId, granteeEditor.id, 'editor');
    await share(server, owner, systemId, granteeViewer.id, 'viewer');
    await share(server, owner, systemId, granteeAuditor.id, 'auditor');
    const anonymous: TestUser = {
      userId: '',
      email: '',
      browser: new CookieBrowser(),
      csrfToken: '',
    };
    const oidcProvider = await startOidcProvider(`${server.baseUrl}/auth/oidc/callback`, []);
    return new AccessWorld(
      server,
      owner,
      systemId,
      {
        ownerAdmin: owner.admin,
        ownerRiskOwner: riskOwner,
        ownerEditor: editor,
        ownerViewer: viewer,
        granteeEditor: granteeEditor.admin,
        granteeViewer: granteeViewer.admin,
        granteeAuditor: granteeAuditor.admin,
        stranger: stranger.admin,
        anonymous,
      },
      oidcProvider,
    );
  }

  /** Stops what the world started besides the server. */
  async close(): Promise<void> {
    await this.oidcProvider.close();
  }

  /**
   * Stores a new model in the owner's system with `commands` applied, decided
   * by the domain as the owner's admin and appended to the real event store.
   * Call `settle` before using it: the read models follow asynchronously.
   */
  async stageModel(commands: readonly Command[]): Promise<StagedModel> {
    const modelId = randomUUID();
    const context = {
      actor: {
        userId: this.owner.admin.userId,
        organisationId: this.owner.id,
        roles: ['admin', 'risk_owner'] as Role[],
      },
      now: new Date().toISOString(),
    };
    let state = initialState();
    const events: DomainEvent[] = [];
    const all: Command[] = [
      { type: 'CreateThreatModel', modelId, systemId: this.systemId, name: 'Staged model' },
      ...commands,
    ];
    for (const command of all) {
      const decision = decide(command, state, context);
      if (!decision.ok) throw new Error(`staging ${command.type}: ${decision.error.message}`);
      events.push(...decision.events);
      state = replay(decision.events, state);
    }
    const stored = await this.server.database.eventStore.append(
      `model-${modelId}`,
      events.map((event) => ({
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: { actor: this.owner.admin.userId, organisation: this.owner.id },
      })),
      { expectedVersion: 'no_stream' },
    );
    this.lastStored = stored.at(-1) ?? this.lastStored;
    return { modelId, streamVersion: stored.at(-1)?.streamVersion ?? 0 };
  }

  /** Waits until the tenancy and model read models have applied every staged model. */
  async settle(): Promise<void> {
    if (this.lastStored === undefined) return;
    await this.server.app
      .get(ProjectionProgress)
      .waitFor(
        [TENANCY_PROJECTION, MODEL_READ_MODEL_PROJECTION],
        checkpointOf(this.lastStored),
        60_000,
      );
  }

  /** Renames a model as its owner's admin, through the domain and the real event store. */
  async renameModel(modelId: string): Promise<void> {
    const stored = await this.server.database.eventStore.readStream(`model-${modelId}`);
    const state = replay(
      stored.map(
        (event) =>
          ({
            type: event.type,
            schemaVersion: event.schemaVersion,
            data: event.data,
          }) as DomainEvent,
      ),
    );
    const decision = decide({ type: 'RenameThreatModel', name: 'Renamed' }, state, {
      actor: { userId: this.owner.admin.userId, organisationId: this.owner.id, roles: ['admin'] },
      now: new Date().toISOString(),
    });
    if (!decision.ok) throw decision.error;
    await this.server.database.eventStore.append(
      `model-${modelId}`,
      decision.events.map((event) => ({
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: { actor: this.owner.admin.userId, organisation: this.owner.id },
      })),
      { expectedVersion: stored.at(-1)?.streamVersion ?? 'no_stream' },
    );
  }

  /** The stream version a model is at now. */
  async streamVersionOf(modelId: string): Promise<number> {
    const stored = await this.server.database.eventStore.readStream(`model-${modelId}`);
    return stored.at(-1)?.streamVersion ?? -1;
  }

  /** A member of the owner organisation at `role`, added through invite and accept. */
  newOwnerMember(role: OrganisationRole): Promise<TestUser> {
    return addMember(this.server, this.owner, role);
  }

  /** A fresh organisation no one has shared anything with. */
  newOrganisation(label: string): Promise<TestOrganisation> {
    return newOrganisation(this.server, label);
  }

  /** Shares the owner's system with an organisation. */
  shareWith(organisationId: string, role: 'editor' | 'viewer' | 'auditor'): Promise<void> {
    return share(this.server, this.owner, this.systemId, organisationId, role);
  }

  /** An invitation from `organisation` (by its admin) to `email`; returns its id. */
  async invite(organisation: TestOrganisation, email: string): Promise<string> {
    const invited = await ok<{ inviteMember: { id: string } }>(
      this.server,
      organisation.admin,
      'mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { id } }',
      { input: { organisationId: organisation.id, email, role: 'viewer' } },
    );
    return invited.inviteMember.id;
  }

  /** An API token of `user` in their acting organisation; returns its id. */
  async apiTokenOf(user: TestUser): Promise<string> {
    const created = await ok<{ createApiToken: { apiToken: { id: string } } }>(
      this.server,
      user,
      'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { apiToken { id } } }',
      { input: { organisationId: user.organisationId, name: 'ci', roleCeiling: 'viewer' } },
    );
    return created.createApiToken.apiToken.id;
  }

  /**
   * A second session of the same user, in a browser of its own, for
   * operations that replace or end the session they run in; for the
   * anonymous actor, a browser without a session.
   */
  async secondSessionOf(actor: ActorName): Promise<TestUser> {
    const user = this.actors[actor];
    if (actor === 'anonymous') return { ...user, browser: new CookieBrowser() };
    const browser = new CookieBrowser();
    const answer = await signIn(browser, this.server, user.email, testPassword);
    const csrfToken = answer.data?.signIn.csrfToken;
    if (!csrfToken) throw new Error(`second sign-in failed: ${JSON.stringify(answer.errors)}`);
    return { ...user, browser, csrfToken };
  }

  /** A fresh account no actor holds, for signing in without a session. */
  async newAccount(label: string): Promise<TestUser> {
    return newUser(this.server, label);
  }
}
