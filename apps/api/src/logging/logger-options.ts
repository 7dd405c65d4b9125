import { randomUUID } from 'node:crypto';
import { LogController, type FastifyServerOptions } from 'fastify';
import { pino, type Logger } from 'pino';
import type { AppConfig } from '../config/config.schema.js';

const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Keeps an incoming `x-request-id` when it is a plausible id (so a request can
 * be followed across services) and otherwise makes a fresh one, so a caller
 * cannot inject arbitrary text into our logs.
 */
export function requestIdFor(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && requestIdPattern.test(value) ? value : randomUUID();
}

/**
 * The server's pino logger: JSON lines, and serializers that keep only method,
 * route and status of requests, so neither secrets (authorization headers,
 * cookies, connection URLs) nor document contents (bodies, query strings)
 * reach the logs.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'threatloom-api' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.databaseUrl'],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: { method?: string; routeOptions?: { url?: string }; url?: string }) => ({
        method: request.method,
        route: request.routeOptions?.url ?? request.url?.split('?')[0],
      }),
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
      err: pino.stdSerializers.err,
    },
  });
}

/** Fastify options that give every request an id (`requestId` on each log line). */
export function fastifyLoggingOptions(
  logger: Logger,
): Pick<FastifyServerOptions, 'loggerInstance' | 'genReqId' | 'requestIdHeader' | 'logController'> {
  return {
    loggerInstance: logger,
    requestIdHeader: false,
    genReqId: (request) => requestIdFor(request.headers['x-request-id']),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
  };
}
