import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

/** Routes Nest's own log lines (module init, routes) into the same pino JSON stream. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  /** Nest "log" level, written as pino info. */
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }

  /** Errors with their stack when Nest passes one. */
  error(message: unknown, stack?: string, context?: string): void {
    this.logger.error({ context, stack }, String(message));
  }

  /** Warnings. */
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  /** Nest debug lines. */
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  /** Nest verbose lines, written as pino trace. */
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
