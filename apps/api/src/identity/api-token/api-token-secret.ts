import { generateSecret, hashSecret } from '../secret-token.js';

/** Every personal API token starts with this, so scanners and humans recognise it. */
export const API_TOKEN_PREFIX = 'tl_';

/** A freshly minted token: the secret is shown once, only the hash is stored. */
export interface MintedApiToken {
  secret: string;
  secretHash: string;
  displayPrefix: string;
}

/** Mints a `tl_<random>` token with its storage hash and a short display prefix. */
export function mintApiToken(): MintedApiToken {
  const secret = `${API_TOKEN_PREFIX}${generateSecret()}`;
  return { secret, secretHash: hashSecret(secret), displayPrefix: secret.slice(0, 10) };
}

/** True when a bearer credential has the shape of a personal API token. */
export function looksLikeApiToken(credential: string): boolean {
  return (
    credential.startsWith(API_TOKEN_PREFIX) && credential.length > API_TOKEN_PREFIX.length + 20
  );
}
