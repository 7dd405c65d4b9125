import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiToken,
  type NewApiToken,
} from './api-token-api.js';

/**
 * The signed-in user's API tokens, page by page, and the secret of the one
 * just created: kept in memory only until the user dismisses it.
 */
export class ApiTokens {
  tokens = $state.raw<ApiToken[] | null>(null);
  totalCount = $state(0);
  loadError = $state<string | null>(null);
  isLoadingMore = $state(false);
  /** The secret of the token just created; shown once, then forgotten. */
  revealed = $state.raw<{ token: ApiToken; secret: string } | null>(null);
  private endCursor: string | null = null;
  hasNextPage = $state(false);

  /** Reads the first page. */
  async load(): Promise<void> {
    this.loadError = null;
    try {
      const page = await listApiTokens();
      this.tokens = page.tokens;
      this.totalCount = page.totalCount;
      this.endCursor = page.endCursor;
      this.hasNextPage = page.hasNextPage;
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error);
    }
  }

  /** Appends the next page. */
  async loadMore(): Promise<void> {
    if (!this.hasNextPage || this.isLoadingMore) return;
    this.isLoadingMore = true;
    try {
      const page = await listApiTokens(this.endCursor);
      this.tokens = [...(this.tokens ?? []), ...page.tokens];
      this.endCursor = page.endCursor;
      this.hasNextPage = page.hasNextPage;
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error);
    } finally {
      this.isLoadingMore = false;
    }
  }

  /** Creates a token and reveals its secret. */
  async create(input: NewApiToken): Promise<void> {
    const created = await createApiToken(input);
    this.revealed = created;
    await this.load();
  }

  /** Forgets the revealed secret for good. */
  dismissSecret(): void {
    this.revealed = null;
  }

  /** Revokes a token and shows it as revoked. */
  async revoke(id: string): Promise<void> {
    const revoked = await revokeApiToken(id);
    this.tokens = (this.tokens ?? []).map((token) => (token.id === id ? revoked : token));
  }
}
