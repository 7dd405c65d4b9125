import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.schema.js';

/** A server on in-memory PGlite whose log lines are kept for the test to read. */
export interface LoggedServer {
  app: NestFastifyApplication;
  /** Every JSON log line so far (a test may empty it). */
  lines: string[];
  url: string;
}

/** Boots the whole API with `env` on a random loopback port, logging at debug into `lines`. */
export async function startLoggedServer(
  nodeEnv: 'development' | 'production',
  env: Record<string, string> = {},
): Promise<LoggedServer> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((line) => line !== ''),
      );
      done();
    },
  });
  const config = loadConfig({
    NODE_ENV: nodeEnv,
    DATA_DIR: 'memory://',
    SEED_DEMO: 'false',
    ...env,
  });
  const app: NestFastifyApplication = await createApp(config, pino({ level: 'debug' }, sink));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { app, lines, url: `http://127.0.0.1:${port}` };
}
