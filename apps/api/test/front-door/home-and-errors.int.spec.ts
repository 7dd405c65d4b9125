import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLoggedServer, type LoggedServer } from '../support/logged-server.js';
import { createModelOwner } from '../support/model-owner.js';
import { WITHOUT_WEB_BUILD } from '../support/web-build.js';

const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const MISSPELLED = '{ modle(id: "00000000-0000-0000-0000-000000000000") { id } }';

async function postQuery(url: string, query: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as {
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

describe('the front door in development, without a build of the web app', () => {
  let server: LoggedServer;
  beforeAll(async () => {
    server = await startLoggedServer('development', WITHOUT_WEB_BUILD);
  });
  afterAll(async () => server?.app.close());

  it('redirects a browser from / to the IDE without logging an error', async () => {
    server.lines.length = 0;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await fetch(`${server.url}/`, {
        headers: { accept: BROWSER_ACCEPT },
        redirect: 'manual',
      });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/graphiql');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    const logged = server.lines.join('\n');
    expect(logged).not.toContain('FST_ERR_REP_ALREADY_SENT');
    expect(server.lines.map((line) => (JSON.parse(line) as { level: number }).level)).not.toContain(
      50,
    );
  });

  it('answers other clients at / with the endpoint index', async () => {
    const response = await fetch(`${server.url}/`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      name: 'Threatloom',
      endpoints: { graphql: '/graphql' },
    });
  });

  it('suggests field names while introspection is on', async () => {
    const answer = await postQuery(server.url, MISSPELLED);
    expect(answer.errors?.[0]?.message).toContain('Did you mean "model"');
  });
});

const PAGE_ORIGIN = 'http://app.threatloom.test';

/** Every message a graphql-ws (graphql-transport-ws) connection receives for one subscription, until it ends. */
async function subscriptionMessages(
  url: string,
  headers: Record<string, string>,
  csrfToken: string,
  query: string,
): Promise<string[]> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
    headers: { ...headers, origin: PAGE_ORIGIN },
  });
  const messages: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer: ${messages.join(' | ')}`)), 10_000);
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { csrfToken } })),
    );
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      messages.push(text);
      const message = JSON.parse(text) as { type: string };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
      }
      if (message.type === 'error' || message.type === 'complete') {
        clearTimeout(timer);
        resolve();
      }
    });
    socket.on('close', (code: number, reason: Buffer) => {
      messages.push(`close ${code} ${reason.toString()}`);
      clearTimeout(timer);
      resolve();
    });
    socket.on('error', reject);
  });
  socket.close();
  return messages;
}

describe('the front door in production, without a build of the web app', () => {
  let server: LoggedServer;
  beforeAll(async () => {
    // Registration is closed in production by default; open here so a user can sign up.
    process.env.OPEN_REGISTRATION = 'true';
    try {
      server = await startLoggedServer('production', {
        ...WITHOUT_WEB_BUILD,
        ALLOWED_ORIGINS: PAGE_ORIGIN,
      });
    } finally {
      delete process.env.OPEN_REGISTRATION;
    }
  });
  afterAll(async () => server?.app.close());

  it('answers a misspelled field without suggesting schema names', async () => {
    const answer = await postQuery(server.url, MISSPELLED);
    expect(answer.errors?.[0]?.message).toBe('Cannot query field "modle" on type "Query".');
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
    expect(JSON.stringify(answer)).not.toContain('Did you mean');
  });

  it('answers a misspelled argument and enum value without suggestions', async () => {
    const answer = await postQuery(
      server.url,
      '{ model(idd: "00000000-0000-0000-0000-000000000000") { id } }',
    );
    expect(answer.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(answer)).not.toContain('Did you mean');
  });

  it('answers a misspelled subscription field over graphql-ws without suggesting schema names', async () => {
    const user = await createModelOwner(server);
    const { cookie, ...rest } = user.headers;
    const messages = await subscriptionMessages(
      server.url,
      {
        cookie: cookie ?? '',
        ...(rest['x-threatloom-organisation']
          ? { 'x-threatloom-organisation': rest['x-threatloom-organisation'] }
          : {}),
      },
      user.headers['x-csrf-token'] ?? '',
      'subscription { modelChanged(modelId: "00000000-0000-0000-0000-000000000000") { typ } }',
    );
    // Refused by validation, and the refusal names no schema field.
    expect(messages.join('\n')).toContain('Cannot query field \\"typ\\"');
    expect(messages.join('\n')).not.toContain('Did you mean');
  });

  it('sends browsers at / the endpoint index, since there is no IDE', async () => {
    const response = await fetch(`${server.url}/`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ endpoints: { graphiql: null } });
  });
});
