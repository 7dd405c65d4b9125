/** A GraphQL client with its own session cookie, for setting up what a test needs. */
export class ApiClient {
  private cookie = '';
  private csrfToken = '';

  constructor(private readonly baseUrl: string) {}

  /** Runs one operation; throws with the API's message when it answers errors. */
  async request<T>(
    query: string,
    variables: Record<string, unknown> = {},
    organisationId?: string,
  ): Promise<T> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      origin: this.baseUrl,
    };
    if (this.cookie) headers['cookie'] = this.cookie;
    if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (organisationId) headers['x-threatloom-organisation'] = organisationId;
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? '';
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
    return body.data as T;
  }

  /** Signs in (or up first, when `signUp` is set). */
  async signIn(email: string, password: string, signUp = false): Promise<string> {
    const operation = signUp ? 'signUp' : 'signIn';
    const answer = await this.request<Record<string, { user: { id: string }; csrfToken: string }>>(
      `mutation($email: String!, $password: String!) { ${operation}(email: $email, password: $password) { user { id } csrfToken } }`,
      { email, password },
    );
    const payload = answer[operation]!;
    this.csrfToken = payload.csrfToken;
    return payload.user.id;
  }
}
