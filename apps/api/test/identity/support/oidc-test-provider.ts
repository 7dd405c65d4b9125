import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/** A person who can sign in at the test provider. */
export interface ProviderAccount {
  login: string;
  password: string;
  subject: string;
  email: string;
  isEmailVerified: boolean;
}

/** How ID tokens leaving the token endpoint are altered in transit, to test that they are refused. */
export type IdTokenTampering =
  | { kind: 'none' }
  /** Replaces claims in the payload and keeps the provider's original signature. */
  | { kind: 'payload'; claims: Record<string, unknown> }
  /** Keeps the payload and replaces the signature with random bytes. */
  | { kind: 'signature' };

/** A real OpenID Provider (panva's oidc-provider) on a random loopback port. */
export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** From now on, rewrites every ID token the token endpoint answers with. */
  tamperWithIdTokens(tampering: IdTokenTampering): void;
  close(): Promise<void>;
}

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Applies a tampering to a compact JWS. */
function tamperedIdToken(idToken: string, tampering: IdTokenTampering): string {
  const [header = '', payload = '', signature = ''] = idToken.split('.');
  if (tampering.kind === 'payload') {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as object;
    return `${header}.${base64UrlJson({ ...claims, ...tampering.claims })}.${signature}`;
  }
  if (tampering.kind === 'signature') {
    return `${header}.${payload}.${randomBytes(256).toString('base64url')}`;
  }
  return idToken;
}

/**
 * Lets the provider answer a token request, then rewrites the `id_token` of
 * its JSON body before it reaches the client, as a man in the middle would.
 */
function rewriteTokenResponse(response: ServerResponse, tampering: IdTokenTampering): void {
  const chunks: Buffer[] = [];
  const end = response.end.bind(response);
  response.write = ((chunk: unknown) => {
    chunks.push(Buffer.from(chunk as Buffer));
    return true;
  }) as ServerResponse['write'];
  response.end = ((chunk?: unknown) => {
    if (chunk !== undefined && typeof chunk !== 'function')
      chunks.push(Buffer.from(chunk as Buffer));
    let body = Buffer.concat(chunks).toString('utf8');
    try {
      const json = JSON.parse(body) as { id_token?: string };
      if (typeof json.id_token === 'string') {
        json.id_token = tamperedIdToken(json.id_token, tampering);
        body = JSON.stringify(json);
      }
    } catch {
      // Not JSON (an error page): pass it on unchanged.
    }
    if (!response.headersSent) response.setHeader('content-length', Buffer.byteLength(body));
    return end(body);
  }) as ServerResponse['end'];
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Starts the provider with one confidential client whose redirect URI is
 * `redirectUri`, a login page of its own (development interactions off) that
 * checks a login and password, and first-party consent (every requested OIDC
 * scope is granted), so a test drives the same redirects and form posts a
 * browser would.
 */
export async function startOidcProvider(
  redirectUri: string,
  accounts: readonly ProviderAccount[],
): Promise<TestOidcProvider> {
  const clientId = 'threatloom-test';
  const clientSecret = 'a-client-secret-for-tests-only-0123456789';
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    format: 'jwk',
  });
  // The issuer names the port, so the provider exists only once the server listens.
  const ready: { provider?: Provider } = {};
  let tampering: IdTokenTampering = { kind: 'none' };

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void handle(request, response).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const provider = ready.provider;
    if (!provider) throw new Error('provider not ready');
    const url = new URL(request.url ?? '/', 'http://provider.invalid');
    const interaction = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (interaction === null) {
      if (tampering.kind !== 'none' && request.method === 'POST' && url.pathname === '/token') {
        rewriteTokenResponse(response, tampering);
      }
      provider.callback()(request, response);
      return;
    }
    const details = await provider.interactionDetails(request, response);
    if (request.method === 'GET') {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><form method="post" action="/interaction/${escapeHtml(details.uid)}/login">` +
          '<input name="login"><input name="password" type="password"><button>Sign in</button></form>',
      );
      return;
    }
    const form = await readForm(request);
    const account = accounts.find(
      (candidate) =>
        candidate.login === form.get('login') && candidate.password === form.get('password'),
    );
    if (!account) {
      await provider.interactionFinished(request, response, {
        error: 'access_denied',
        error_description: 'wrong credentials',
      });
      return;
    }
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId: account.subject } },
      { mergeWithLastSubmission: false },
    );
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] as never },
    cookies: { keys: ['cookie-signing-key-for-tests-only'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_context, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_context, subject) => {
      const account = accounts.find((candidate) => candidate.subject === subject);
      if (!account) return undefined;
      return {
        accountId: subject,
        claims: () => ({
          sub: subject,
          email: account.email,
          email_verified: account.isEmailVerified,
        }),
      };
    },
    // First-party client: grant every requested OpenID scope without a consent page.
    loadExistingGrant: async (context) => {
      if (!context.oidc.session?.accountId) return undefined;
      const grant = new context.oidc.provider.Grant({
        clientId: context.oidc.client?.clientId ?? clientId,
        accountId: context.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      grant.addOIDCClaims(['sub', 'email', 'email_verified']);
      await grant.save();
      return grant;
    },
  };
  ready.provider = new Provider(issuer, configuration);

  return {
    issuer,
    clientId,
    clientSecret,
    tamperWithIdTokens(next) {
      tampering = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      ),
  };
}
