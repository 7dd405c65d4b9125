import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { httpStatusByCode } from './error-codes.js';
import { toAppError } from './to-app-error.js';

/**
 * The one place thrown errors become answers outside GraphQL's formatter.
 * GraphQL: the error is handed back to mercurius untouched, so
 * formatGraphQLErrors maps it (and only it logs unknown errors). HTTP routes:
 * known errors answer `{ error: { code, message, field } }` with their status;
 * anything else is logged with the request id and answered as INTERNAL.
 */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  /** Routes the exception by transport. */
  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return reply.status(status).send({
        error: {
          code: status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST',
          message: exception.message,
          field: null,
        },
      });
    }
    const appError = toAppError(exception);
    if (appError !== null) {
      return reply.status(httpStatusByCode[appError.code]).send({
        error: { code: appError.code, message: appError.message, field: appError.field },
      });
    }
    this.logger.error(
      `unhandled error answering ${request.method} ${request.routeOptions.url ?? ''} (request ${request.id})`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    return reply
      .status(500)
      .send({ error: { code: 'INTERNAL', message: 'Internal error', field: null } });
  }
}
