import type { JitMembershipRole, JitMembershipSettings } from './oidc-repository.js';

/**
 * The role a person joins at when they sign in through the organisation's
 * provider, or null when they do not join: just-in-time membership must be
 * on, and the provider must have verified an email whose domain is on the
 * allow-list exactly (no subdomains: `example.com` does not admit
 * `evil.example.com`, list it too if meant).
 */
export function jitMembershipRole(
  settings: JitMembershipSettings,
  email: string | null,
  isEmailVerified: boolean,
): JitMembershipRole | null {
  if (!settings.isEnabled || !isEmailVerified || email === null) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return null;
  const domain = email.slice(at + 1).toLowerCase();
  return settings.emailDomains.includes(domain) ? settings.role : null;
}
