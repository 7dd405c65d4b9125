import type { ApiToken } from './api-token-api.js';

/** Whether a token still works: revoked and expired tokens are refused. */
export type TokenStatus = 'active' | 'expired' | 'revoked';

/** The status of a token at a moment. */
export function tokenStatus(
  token: Pick<ApiToken, 'revokedAt' | 'expiresAt'>,
  now: Date,
): TokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime()) return 'expired';
  return 'active';
}

const labels: Record<TokenStatus, string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** The status as a word (the page never shows it by colour alone). */
export function tokenStatusLabel(status: TokenStatus): string {
  return labels[status];
}
