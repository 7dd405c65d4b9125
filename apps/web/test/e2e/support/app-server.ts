import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built API entry point and the built app it serves (both inside this repository). */
const apiMain = fileURLToPath(new URL('../../../../api/dist/main.js', import.meta.url));
const webRoot = fileURLToPath(new URL('../../../build/', import.meta.url));

/** A real Threatloom process serving the built app, on an in-memory database. */
export interface AppServer {
  baseUrl: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node apps/api/dist/main.js` as `npm start` does, with the demo
 * model, on in-memory PGlite and a random port; resolves once it listens.
 */
export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const port = await freePort();
  const keyDirectory = mkdtempSync(join(tmpdir(), 'threatloom-e2e-key-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [apiMain], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      DATA_DIR: 'memory://',
      SEED_DEMO: 'true',
      WEB_ROOT: webRoot,
      LOG_LEVEL: 'warn',
      CHECKPOINT_KEY_FILE: join(keyDirectory, 'checkpoint.key'),
      SIGNIN_RATE_LIMIT_PER_ACCOUNT: '1000',
      SIGNIN_RATE_LIMIT_PER_ADDRESS: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start:\n${output}`)),
      60_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Threatloom is running at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  return {
    baseUrl,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(keyDirectory, { recursive: true, force: true });
    },
  };
}
