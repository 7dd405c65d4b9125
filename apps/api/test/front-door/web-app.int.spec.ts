import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { API_PATH_SEGMENTS } from '../../src/web-app/web-app-path.js';
import { startLoggedServer, type LoggedServer } from '../support/logged-server.js';
import { WITHOUT_WEB_BUILD } from '../support/web-build.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env['CI']) {
  throw new Error(`${CHROMIUM} is missing: .ci/run installs it (apt-get install -y chromium)`);
}
if (!hasChromium) {
  console.warn(`\n*** ${CHROMIUM} is missing: the web app's browser check is SKIPPED ***\n`);
}

const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const MODEL_PAGE = '/models/3f0c7d1e-8a3b-4c1e-9d2f-1a2b3c4d5e6f';
/** The bootstrap SvelteKit inlines in its fallback page (shape as adapter-static writes it). */
const BOOTSTRAP_SCRIPT = `
\t\t\t{
\t\t\t\t__sveltekit_x1y2z3 = { base: "" };
\t\t\t\tconst element = document.currentScript.parentElement;
\t\t\t\tPromise.all([import("/_app/immutable/x-abc123.js")]).then(([kit]) => kit.start(element));
\t\t\t}
\t\t`;
const INDEX_HTML = `<!doctype html>
<html lang="en">
\t<head>
\t\t<meta charset="utf-8" />
\t\t<link rel="icon" href="/favicon.svg" />
\t\t<link rel="modulepreload" href="/_app/immutable/x-abc123.js">
\t</head>
\t<body>
\t\t<div style="display: contents">
\t\t<script>${BOOTSTRAP_SCRIPT}</script>
\t\t</div>
\t</body>
</html>
`;
/**
 * The app's entry point: it marks the page as started, and opens a WebSocket
 * to the server (as co-editing does), so a browser shows the policy lets both
 * the bootstrap and the socket through.
 */
const ASSET = `export function start(element) {
  element.dataset.started = 'yes';
  const socket = new WebSocket(location.origin.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
  socket.onopen = () => { element.dataset.socket = 'open'; socket.close(); };
  socket.onerror = () => { element.dataset.socket = 'refused'; };
}
`;
const SECRET = 'the contents of a file outside WEB_ROOT';

/**
 * A built app as adapter-static writes it, in `<folder>/build`, with a
 * secret beside the build and symlinks from inside it to the secret.
 */
async function writeBuild(folder: string): Promise<string> {
  const build = join(folder, 'build');
  await mkdir(join(build, '_app', 'immutable'), { recursive: true });
  await writeFile(join(build, 'index.html'), INDEX_HTML);
  await writeFile(join(build, '_app', 'immutable', 'x-abc123.js'), ASSET);
  await writeFile(join(build, '_app', 'version.json'), '{"version":"1700000000000"}');
  await writeFile(join(build, 'robots.txt'), 'User-agent: *\nDisallow:\n');
  await writeFile(
    join(build, 'favicon.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>',
  );
  await mkdir(join(folder, 'outside'));
  await writeFile(join(folder, 'secret.txt'), SECRET);
  await writeFile(join(folder, 'outside', 'secret.txt'), SECRET);
  await symlink(join(folder, 'secret.txt'), join(build, 'leak.txt'));
  await symlink(join(folder, 'outside'), join(build, 'linked'));
  return build;
}

/** A GET with the path sent exactly as given (fetch would resolve `..` and `%2e` first, and decompress). */
async function rawGet(
  url: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; bytes: Buffer; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          bytes,
          body: bytes.toString('utf8'),
        });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

/** The sources a policy lists for one directive. */
function directive(policy: string | null, name: string): string[] {
  const entry = (policy ?? '')
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name);
  return entry?.slice(1) ?? [];
}

describe('the web app, served from WEB_ROOT', () => {
  let folder: string;
  let server: LoggedServer;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'threatloom-web-'));
    const build = await writeBuild(folder);
    server = await startLoggedServer('development', { WEB_ROOT: build });
  });
  afterAll(async () => {
    await server?.app.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('serves a hashed asset with its type, cached for a year', async () => {
    const response = await fetch(`${server.url}/_app/immutable/x-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(ASSET);
  });

  it('compresses a file for a client that accepts brotli or gzip, and only then', async () => {
    const path = '/_app/immutable/x-abc123.js';
    const brotli = await rawGet(server.url, path, { 'accept-encoding': 'gzip, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.bytes).toString('utf8')).toBe(ASSET);
    const gzip = await rawGet(server.url, path, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.bytes).toString('utf8')).toBe(ASSET);
    expect(gzip.headers['vary']).toContain('accept-encoding');
    const plain = await rawGet(server.url, path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(ASSET);
  });

  it('serves other files to be revalidated on each use', async () => {
    const version = await fetch(`${server.url}/_app/version.json`);
    expect(version.status).toBe(200);
    expect(version.headers.get('content-type')).toContain('application/json');
    expect(version.headers.get('cache-control')).toBe('no-cache');
    const robots = await fetch(`${server.url}/robots.txt`, { method: 'HEAD' });
    expect(robots.status).toBe(200);
    expect(robots.headers.get('content-type')).toContain('text/plain');
  });

  it('answers a page of the app with index.html, so a browser can open any route', async () => {
    for (const page of [MODEL_PAGE, `${MODEL_PAGE}/register`, '/sign-in', '/settings/tokens']) {
      const response = await fetch(`${server.url}${page}`, { headers: { accept: BROWSER_ACCEPT } });
      expect(response.status, page).toBe(200);
      expect(response.headers.get('content-type'), page).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control'), page).toBe('no-cache');
      expect(await response.text(), page).toBe(INDEX_HTML);
    }
  });

  it('opens the app at / in a browser', async () => {
    const response = await fetch(`${server.url}/`, {
      headers: { accept: BROWSER_ACCEPT },
      redirect: 'manual',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX_HTML);
  });

  it('answers other clients at / with the endpoint index, naming the app', async () => {
    const response = await fetch(`${server.url}/`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      name: 'Threatloom',
      endpoints: {
        web: '/',
        graphql: '/graphql',
        graphiql: '/graphiql',
        health: '/health',
        metrics: '/metrics',
      },
    });
  });

  it('sends the app with a policy that runs only its own scripts and its bootstrap, by hash', async () => {
    const response = await fetch(`${server.url}${MODEL_PAGE}`, {
      headers: { accept: BROWSER_ACCEPT },
    });
    const policy = response.headers.get('content-security-policy');
    const bootstrapHash = createHash('sha256').update(BOOTSTRAP_SCRIPT, 'utf8').digest('base64');
    expect(directive(policy, 'script-src')).toEqual(["'self'", `'sha256-${bootstrapHash}'`]);
    expect(directive(policy, 'default-src')).toEqual(["'self'"]);
    expect(directive(policy, 'style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directive(policy, 'img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directive(policy, 'worker-src')).toEqual(["'self'", 'blob:']);
    const host = new URL(server.url).host;
    expect(directive(policy, 'connect-src')).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
    expect(directive(policy, 'frame-ancestors')).toEqual(["'none'"]);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it.skipIf(!hasChromium)(
    'starts in headless Chromium under that policy, and reaches the server over a WebSocket',
    async () => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox'],
      });
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(message.text());
        });
        page.on('pageerror', (error) => problems.push(error.message));
        await page.goto(`${server.url}${MODEL_PAGE}`);
        await page.waitForSelector('[data-started="yes"][data-socket]', {
          state: 'attached',
          timeout: 30_000,
        });
        expect(await page.getAttribute('[data-started]', 'data-socket')).toBe('open');
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );

  it('answers an unchanged index.html with 304', async () => {
    const first = await fetch(`${server.url}/sign-in`, { headers: { accept: BROWSER_ACCEPT } });
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await fetch(`${server.url}/sign-in`, {
      headers: { accept: BROWSER_ACCEPT, 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('keeps the API’s 404 for a missing file, even for a browser', async () => {
    const response = await fetch(`${server.url}/nope.js`, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'Cannot GET /nope.js', field: null },
    });
  });

  it('keeps the API’s 404 for a page asked for by a client that does not want HTML', async () => {
    const response = await fetch(`${server.url}${MODEL_PAGE}`, {
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('never answers a file outside WEB_ROOT, however the path is spelled', async () => {
    for (const path of [
      '/../secret.txt',
      '/_app/../../secret.txt',
      '/..%2Fsecret.txt',
      '/_app/..%2F..%2Fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%5Csecret.txt',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      `/${encodeURIComponent(join(folder, 'secret.txt'))}`,
      `/${join(folder, 'secret.txt')}`,
      '/index.html%00.js',
      '/robots.txt%00',
    ]) {
      const response = await rawGet(server.url, path, { accept: BROWSER_ACCEPT });
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain(SECRET);
    }
  });

  it('does not follow a symlink out of WEB_ROOT', async () => {
    for (const path of ['/leak.txt', '/linked/secret.txt']) {
      const response = await fetch(`${server.url}${path}`, { headers: { accept: BROWSER_ACCEPT } });
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain(SECRET);
    }
  });

  it('leaves the API routes as they were', async () => {
    const graphql = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });
    const health = await fetch(`${server.url}/health`, { headers: { accept: BROWSER_ACCEPT } });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ide = await fetch(`${server.url}/graphiql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(ide.status).toBe(200);
    expect(await ide.text()).toContain('Threatloom GraphQL IDE');
    expect(ide.headers.get('content-security-policy')).toBeNull();
    expect(ide.headers.get('cache-control')).toBe('no-cache');
    const metrics = await fetch(`${server.url}/metrics`, { headers: { accept: BROWSER_ACCEPT } });
    expect(metrics.headers.get('content-type')).toContain('text/plain');
  });

  it('answers an unknown path under an API route with the API’s 404, even for a browser', async () => {
    for (const path of ['/health/nope', '/graphiql/nope', '/collab', '/auth/oidc', '/graphql/x']) {
      const response = await fetch(`${server.url}${path}`, { headers: { accept: BROWSER_ACCEPT } });
      expect(response.status, path).toBe(404);
      expect(await response.json(), path).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it('leaves every route the server registers under a path the app never claims', () => {
    const fastify = server.app.getHttpAdapter().getInstance() as FastifyInstance;
    // One line per route under `/`, its full path: `    ├── health (GET, HEAD)`.
    const topLevel = fastify
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .map((line) => /^ {4}[├└]── (\S+)/.exec(line)?.[1])
      .filter((path): path is string => path !== undefined && path !== '*');
    expect(topLevel.length).toBeGreaterThan(5);
    for (const path of topLevel) {
      expect([...API_PATH_SEGMENTS], path).toContain(path.split('/')[0]);
    }
  });

  it('still refuses a WebSocket handshake to an unknown path with 404', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}${MODEL_PAGE}`);
      socket.on('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        socket.terminate();
      });
      socket.on('open', () => {
        socket.close();
        reject(new Error('the handshake was accepted'));
      });
      socket.on('error', () => undefined);
    });
    expect(status).toBe(404);
  });
});

describe('a server without a build of the web app', () => {
  let server: LoggedServer;
  beforeAll(async () => {
    server = await startLoggedServer('development', WITHOUT_WEB_BUILD);
  });
  afterAll(async () => server?.app.close());

  it('starts and says once where it looked and how to build the app', () => {
    const warnings = server.lines
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((line) => line.level === 40 && line.msg.includes('WEB_ROOT'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toContain(WITHOUT_WEB_BUILD['WEB_ROOT']);
    expect(warnings[0]?.msg).toContain('npm run build');
  });

  it('still sends a browser at / to the GraphQL IDE', async () => {
    const response = await fetch(`${server.url}/`, {
      headers: { accept: BROWSER_ACCEPT },
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/graphiql');
  });

  it('names no app in the endpoint index', async () => {
    const response = await fetch(`${server.url}/`, { headers: { accept: 'application/json' } });
    expect(await response.json()).toMatchObject({ endpoints: { web: null } });
  });

  it('answers a page of the app with the API’s 404', async () => {
    const response = await fetch(`${server.url}${MODEL_PAGE}`, {
      headers: { accept: BROWSER_ACCEPT },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
