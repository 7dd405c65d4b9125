import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real bin and the built server, each in a process of its own.
const bin = fileURLToPath(new URL('../bin/threatloom.js', import.meta.url));
const serverMain = fileURLToPath(new URL('../../api/dist/main.js', import.meta.url));

// The demo the server seeds (apps/api/src/demo/demo-ids.ts).
const DEMO_MODEL_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a01';
const DEMO_SYSTEM_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a02';
const DEMO_ORGANISATION_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a03';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

const workDir = await mkdtemp(join(tmpdir(), 'threatloom-verify-server-'));
const dataDir = join(workDir, 'data');
// The signing key must live outside the data directory.
const keyFile = join(workDir, 'keys', 'checkpoint-ed25519.pem');
let port = 0;
let serverUrl = '';
let server: ChildProcess | undefined;
let serverExited: Promise<void> = Promise.resolve();
let token = '';

/** Runs `threatloom ...args` on the server's data directory with only the settings given here. */
function threatloom(args: string[], settings: Record<string, string> = {}): Promise<Run> {
  const {
    DATABASE_URL: _url,
    DATA_DIR: _dir,
    CHECKPOINT_KEY_FILE: _key,
    CHECKPOINT_TRUSTED_KEYS: _trusted,
    THREATLOOM_TOKEN: _token,
    THREATLOOM_SERVER: _server,
    PORT: _port,
    ...inherited
  } = process.env;
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...inherited, DATA_DIR: dataDir, CHECKPOINT_KEY_FILE: keyFile, ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** One GraphQL request to the server, as a browser session or with a token. */
async function graphql(
  query: string,
  headers: Record<string, string> = {},
): Promise<{ body: { data?: Record<string, unknown>; errors?: unknown[] }; response: Response }> {
  const response = await fetch(`${serverUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { body: (await response.json()) as { data?: Record<string, unknown> }, response };
}

beforeAll(async () => {
  const { DATABASE_URL: _url, DATABASE_MIGRATION_URL: _migrationUrl, ...inherited } = process.env;
  port = await freePort();
  serverUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [serverMain], {
    env: {
      ...inherited,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      SEED_DEMO: 'true',
      DATA_DIR: dataDir,
      CHECKPOINT_KEY_FILE: keyFile,
      CHECKPOINT_INTERVAL_SECONDS: '1',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  serverExited = new Promise((resolve) => child.on('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Threatloom is running at')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void serverExited.then(() =>
      reject(new Error(`the server exited before listening:\n${output}`)),
    );
  });

  // Sign in as the demo admin, then create a personal API token with the session.
  const signIn = await graphql(
    'mutation { signIn(email: "demo@threatloom.local", password: "threatloom-demo") { csrfToken } }',
  );
  const csrfToken = (signIn.body.data?.signIn as { csrfToken: string }).csrfToken;
  const cookie = signIn.response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  const created = await graphql(
    `mutation { createApiToken(input: { organisationId: "${DEMO_ORGANISATION_ID}", roleCeiling: admin, name: "verify" }) { secret } }`,
    { cookie, 'x-csrf-token': csrfToken },
  );
  token = (created.body.data?.createApiToken as { secret: string } | undefined)?.secret ?? '';
  expect(token, JSON.stringify(created.body)).toMatch(/^tl_/);

  // Wait for the first seal, so the report compares with a signed checkpoint.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await graphql(
      `{ verifyModelHistory(modelId: "${DEMO_MODEL_ID}") { checkpoint { treeSize } } }`,
      { authorization: `Bearer ${token}` },
    );
    const verification = body.data?.verifyModelHistory as { checkpoint: unknown } | undefined;
    if (verification?.checkpoint != null) break;
    if (Date.now() > deadline) throw new Error(`no checkpoint sealed: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}, 120_000);

afterAll(async () => {
  if (server !== undefined && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
  }
  await serverExited;
  await rm(workDir, { recursive: true, force: true });
});

describe('threatloom verify while a server holds the data directory', () => {
  it('verifies a model through the server at localhost:PORT with THREATLOOM_TOKEN', async () => {
    const run = await threatloom(['verify', '--model', DEMO_MODEL_ID], {
      THREATLOOM_TOKEN: token,
      PORT: String(port),
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `INTACT: model ${DEMO_MODEL_ID} (stream model-${DEMO_MODEL_ID}), through the server at http://localhost:${port}`,
    );
    expect(run.stdout).toMatch(/events? checked in 1 stream: \d+ sealed/);
    expect(run.stdout).toContain("the store's latest");
    expect(run.stdout).toContain("(checked against the server's trusted keys)");
    expect(run.stdout).not.toContain(token);
  });

  it('prints the same JSON shape, marked as verified through the server', async () => {
    const run = await threatloom(['verify', '--model', DEMO_MODEL_ID, '--json'], {
      THREATLOOM_TOKEN: token,
      THREATLOOM_SERVER: serverUrl,
    });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      scope: {
        kind: 'model',
        modelId: DEMO_MODEL_ID,
        server: serverUrl,
        via: 'server',
        streamIds: [`model-${DEMO_MODEL_ID}`],
      },
      isIntact: true,
      streamsChecked: 1,
      unsealedEvents: expect.any(Number) as number,
      checkpoint: { source: 'store', keyId: expect.any(String) as string },
      eventFindings: [],
      brokenLinks: [],
      logFindings: [],
      models: [{ modelId: DEMO_MODEL_ID, headHash: expect.any(String) as string }],
    });
    expect(json.eventsChecked).toBeGreaterThan(0);
  });

  it('verifies every model of a system through the server', async () => {
    const run = await threatloom(['verify', '--system', DEMO_SYSTEM_ID, '--server', serverUrl], {
      THREATLOOM_TOKEN: token,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `INTACT: system ${DEMO_SYSTEM_ID}: 1 model, through the server at ${serverUrl}`,
    );
  });

  it('without a token refuses, naming the pid and how to go through the server', async () => {
    const run = await threatloom(['verify', '--model', DEMO_MODEL_ID]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `the data directory ${dataDir} is in use by process ${server?.pid}`,
    );
    expect(run.stderr).toContain('THREATLOOM_TOKEN');
    expect(run.stderr).toContain('--server');
  });

  it('cannot verify every stream through the server', async () => {
    for (const args of [['verify', '--all'], ['verify']]) {
      const run = await threatloom(args, { THREATLOOM_TOKEN: token, THREATLOOM_SERVER: serverUrl });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('verifying every stream needs direct database access');
    }
  });

  it('refuses --checkpoint and --key through the server as a usage error', async () => {
    const run = await threatloom(
      ['verify', '--model', DEMO_MODEL_ID, '--key', keyFile, '--server', serverUrl],
      { THREATLOOM_TOKEN: token },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--key need direct database access');
  });

  it("reports the server's refusal of a bad token without printing it", async () => {
    const bad = 'tl_not-a-real-token-0000000000000000000000000';
    const run = await threatloom(['verify', '--model', DEMO_MODEL_ID], {
      THREATLOOM_TOKEN: bad,
      THREATLOOM_SERVER: serverUrl,
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`the server at ${serverUrl} refused: UNAUTHENTICATED`);
    expect(run.stderr).not.toContain(bad);
  });

  it('names an unknown model and a server that does not answer', async () => {
    const unknown = await threatloom(
      ['verify', '--model', '00000000-0000-4000-8000-000000000000', '--server', serverUrl],
      { THREATLOOM_TOKEN: token },
    );
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('NOT_FOUND');

    const closed = `http://127.0.0.1:${await freePort()}`;
    const refused = await threatloom(['verify', '--model', DEMO_MODEL_ID, '--server', closed], {
      THREATLOOM_TOKEN: token,
    });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`cannot reach the server at ${closed}: `);
    expect(refused.stderr).toContain('ECONNREFUSED');
  });
}, 120_000);
