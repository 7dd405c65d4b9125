import { ApiError } from '../api/api-error.js';
import { graphql, setRequestContext } from '../api/graphql-client.js';

/** An organisation the signed-in user belongs to. */
export interface OrganisationSummary {
  id: string;
  name: string;
  slug: string;
}

/** Who is signed in. */
export interface SignedInUser {
  id: string;
  email: string;
}

const ORGANISATION_KEY = 'threatloom.organisation';

const SESSION_QUERY = /* GraphQL */ `
  query Session {
    me {
      user {
        id
        email
      }
    }
    csrfToken
  }
`;

const ORGANISATIONS_QUERY = /* GraphQL */ `
  query Organisations {
    organisations {
      id
      name
      slug
    }
  }
`;

function storedOrganisationId(): string | null {
  try {
    return localStorage.getItem(ORGANISATION_KEY);
  } catch {
    return null;
  }
}

/**
 * The browser's session: who is signed in, the CSRF token every mutation
 * carries, and the organisation the user acts for (kept across reloads).
 */
export class Session {
  status = $state<'loading' | 'signed-out' | 'signed-in' | 'unreachable'>('loading');
  user = $state<SignedInUser | null>(null);
  csrfToken = $state<string | null>(null);
  organisations = $state.raw<OrganisationSummary[]>([]);
  organisationId = $state<string | null>(null);
  /** Why the session could not be read (the server is down, ...). */
  problem = $state<string | null>(null);

  /** The organisation the user acts for, or null when they belong to none. */
  get organisation(): OrganisationSummary | null {
    return (
      this.organisations.find((organisation) => organisation.id === this.organisationId) ?? null
    );
  }

  /** Reads the session from the server (the cookie decides who is signed in). */
  async load(): Promise<void> {
    this.problem = null;
    try {
      const answer = await graphql<{ me: { user: SignedInUser } | null; csrfToken: string | null }>(
        SESSION_QUERY,
      );
      if (answer.me === null) {
        this.clear();
        return;
      }
      await this.enter(answer.me.user, answer.csrfToken);
    } catch (error) {
      if (error instanceof ApiError && error.isUnauthenticated) {
        this.clear();
        return;
      }
      this.status = 'unreachable';
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  /** Signs in with a password; rejects with the API's error (unknown account, rate limit, ...). */
  async signIn(email: string, password: string): Promise<void> {
    const answer = await graphql<{ signIn: { user: SignedInUser; csrfToken: string } }>(
      `
        mutation SignIn($email: String!, $password: String!) {
          signIn(email: $email, password: $password) {
            user {
              id
              email
            }
            csrfToken
          }
        }
      `,
      { email, password },
    );
    await this.enter(answer.signIn.user, answer.signIn.csrfToken);
  }

  /** Creates an account and signs it in. */
  async signUp(email: string, password: string): Promise<void> {
    const answer = await graphql<{ signUp: { user: SignedInUser; csrfToken: string } }>(
      `
        mutation SignUp($email: String!, $password: String!) {
          signUp(email: $email, password: $password) {
            user {
              id
              email
            }
            csrfToken
          }
        }
      `,
      { email, password },
    );
    await this.enter(answer.signUp.user, answer.signUp.csrfToken);
  }

  /** Ends the session on the server and forgets it here. */
  async signOut(): Promise<void> {
    try {
      await graphql<{ signOut: boolean }>('mutation SignOut { signOut }');
    } finally {
      this.clear();
    }
  }

  /** Acts for another of the user's organisations from now on. */
  switchOrganisation(organisationId: string): void {
    if (!this.organisations.some((organisation) => organisation.id === organisationId)) return;
    this.organisationId = organisationId;
    try {
      localStorage.setItem(ORGANISATION_KEY, organisationId);
    } catch {
      // Private windows may refuse storage: the choice then lasts for this page only.
    }
    setRequestContext({ csrfToken: this.csrfToken, organisationId });
  }

  /** Re-reads the user's organisations (after creating one or accepting an invitation). */
  async refreshOrganisations(): Promise<void> {
    const answer = await graphql<{ organisations: OrganisationSummary[] }>(ORGANISATIONS_QUERY);
    this.organisations = [...answer.organisations].sort((a, b) => a.name.localeCompare(b.name));
    const stored = this.organisationId ?? storedOrganisationId();
    const chosen =
      this.organisations.find((organisation) => organisation.id === stored) ??
      this.organisations[0];
    this.organisationId = chosen?.id ?? null;
    setRequestContext({ csrfToken: this.csrfToken, organisationId: this.organisationId });
  }

  private async enter(user: SignedInUser, csrfToken: string | null): Promise<void> {
    this.user = user;
    this.csrfToken = csrfToken;
    setRequestContext({ csrfToken, organisationId: null });
    await this.refreshOrganisations();
    this.status = 'signed-in';
  }

  private clear(): void {
    this.user = null;
    this.csrfToken = null;
    this.organisations = [];
    this.organisationId = null;
    setRequestContext({ csrfToken: null, organisationId: null });
    this.status = 'signed-out';
  }
}

/** The one session of the page. */
export const session = new Session();
