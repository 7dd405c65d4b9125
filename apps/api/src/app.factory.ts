import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { collabLimits } from './collab/collab-limits.js';
import type { AppConfig } from './config/config.schema.js';
import { registerGraphQLAnswerStreaming } from './graphql/graphql-answer.hook.js';
import { registerGraphQLBodyCheck } from './graphql/graphql-body.hook.js';
import { registerRequestIdHeader } from './logging/request-id.hook.js';
import { createLogger, fastifyLoggingOptions } from './logging/logger-options.js';
import { NestPinoLogger } from './logging/nest-pino-logger.js';
import { registerHttpMetrics } from './metrics/http-metrics.hook.js';
import { MetricsService } from './metrics/metrics.service.js';
import { ProjectionRunner } from './projections/projection-runner.js';

/**
 * Builds the server for `config`: opens and migrates the database, wires every
 * module, and returns it initialised but not listening (main.ts and the tests
 * decide where it listens).
 */
export async function createApp(
  config: AppConfig,
  logger: Logger = createLogger(config),
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    ...fastifyLoggingOptions(logger),
    bodyLimit: config.bodyLimitBytes,
  });
  const fastify = adapter.getInstance() as unknown as FastifyInstance;
  registerRequestIdHeader(fastify);
  registerGraphQLBodyCheck(fastify);
  registerGraphQLAnswerStreaming(fastify);
  // WebSockets for co-editing (/collab) and GraphQL subscriptions: registered once, at the root,
  // so both routes share one server (mercurius reuses it). The cap is the co-editing message cap.
  void fastify.register(fastifyWebsocket, {
    options: { maxPayload: collabLimits.messageBytes },
    // A socket error is the client's doing (a message over the cap, a broken frame): the
    // WebSocket layer already sent its close code; log it as such and drop the socket.
    errorHandler: (error, socket, request) => {
      request.log.warn({ reason: error.message }, 'closed a WebSocket on a client error');
      socket.terminate();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new NestPinoLogger(logger),
    bufferLogs: false,
    // Let the caller report start-up failures (main.ts prints them and exits non-zero).
    abortOnError: false,
  });
  registerHttpMetrics(fastify, app.get(MetricsService));
  app.enableShutdownHooks();
  await app.init();
  // The demo is seeded at bootstrap: let its read models catch up before the server takes
  // requests, so the first person to sign in sees their organisations and systems at once.
  if (config.seedDemo) await app.get(ProjectionRunner).caughtUp();
  return app;
}
