import type { RoleCeiling } from '../actor.js';

/** How a sign-in was performed. */
export type SignInMethod = 'password' | 'oidc';

/** Why a sign-in failed. Never carries the password. */
export type SignInFailureReason =
  'unknown_account' | 'wrong_password' | 'no_password_set' | 'rate_limited' | 'oidc_rejected';

/** Every identity fact the system records, by type. */
export interface IdentityEventData {
  UserRegistered: { userId: string; email: string; method: SignInMethod; issuer?: string };
  SignedIn: {
    userId: string;
    sessionId: string;
    method: SignInMethod;
    address: string | null;
    issuer?: string;
  };
  SignInFailed: {
    userId: string | null;
    /** SHA-256 of the normalised email, so failures for unknown emails stay linkable without storing them. */
    emailHash: string;
    reason: SignInFailureReason;
    address: string | null;
    /** What the single sign-on provider's answer failed on (never a token). */
    detail?: string;
  };
  SignedOut: { userId: string; sessionId: string };
  ApiTokenCreated: {
    userId: string;
    tokenId: string;
    organisationId: string;
    roleCeiling: RoleCeiling;
    name: string;
    displayPrefix: string;
    expiresAt: string | null;
  };
  ApiTokenRevoked: { userId: string; tokenId: string };
  OidcProviderConfigured: {
    organisationId: string;
    issuer: string;
    clientId: string;
    hasClientSecret: boolean;
    scopes: string;
    configuredBy: string;
    /** Absent on configurations recorded before just-in-time membership existed (it was off). */
    jitMembership?: boolean;
    jitEmailDomains?: string[];
    jitDefaultRole?: 'viewer' | 'editor';
  };
  OidcIdentityLinked: { userId: string; issuer: string; subject: string; organisationId: string };
}

/** One identity event ready to append. */
export type IdentityEvent = {
  [Type in keyof IdentityEventData]: { type: Type; data: IdentityEventData[Type] };
}[keyof IdentityEventData];

/** Stream of everything that happened to one account. */
export function userStream(userId: string): string {
  return `user-${userId}`;
}

/**
 * Stream of failed sign-ins for an email that has no account, keyed by the
 * email's hash: the attempts stay queryable per target without the store
 * becoming a list of guessed addresses. The store wants `<category>-<uuid>`,
 * so the hash's first 128 bits become an RFC 9562 version-8 (custom) UUID.
 */
export function unknownAccountStream(emailHash: string): string {
  const hex = emailHash.slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const digits = hex.join('');
  return `signin-${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20, 32)}`;
}

/** Stream of an organisation's single sign-on configuration. */
export function oidcConfigurationStream(organisationId: string): string {
  return `oidc-${organisationId}`;
}
