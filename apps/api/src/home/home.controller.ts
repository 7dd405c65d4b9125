import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';

/** What `GET /` answers to a client that does not want the GraphQL IDE. */
export interface HomeIndex {
  name: 'Threatloom';
  endpoints: { graphql: string; graphiql: string | null; health: string; metrics: string };
}

/**
 * The address `npm start` prints. Until the web app is served here, a browser
 * is sent to the GraphQL IDE (when it is enabled, i.e. outside production);
 * anything else gets an index of the server's endpoints instead of a 404.
 */
@Controller()
export class HomeController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Redirects browsers to GraphiQL, or lists the endpoints. The handler sends
   * the reply itself either way: with Nest's passthrough mode it would send
   * the redirect and then Nest a second answer (FST_ERR_REP_ALREADY_SENT).
   */
  @Get()
  home(@Headers('accept') accept: string | undefined, @Res() reply: FastifyReply): FastifyReply {
    const hasIde = this.config.graphql.isIntrospectionEnabled;
    if (hasIde && (accept ?? '').includes('text/html')) {
      return reply.redirect('/graphiql', 302);
    }
    const index: HomeIndex = {
      name: 'Threatloom',
      endpoints: {
        graphql: '/graphql',
        graphiql: hasIde ? '/graphiql' : null,
        health: '/health',
        metrics: '/metrics',
      },
    };
    return reply.send(index);
  }
}
