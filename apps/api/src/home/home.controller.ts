import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { WEB_APP } from '../web-app/web-app.tokens.js';
import { acceptsHtml, type WebApp } from '../web-app/web-app.js';

/** What `GET /` answers to a client that does not ask for a page. */
export interface HomeIndex {
  name: 'Threatloom';
  endpoints: {
    /** The web app, or null when WEB_ROOT holds no build. */
    web: '/' | null;
    graphql: string;
    graphiql: string | null;
    health: string;
    metrics: string;
  };
}

/**
 * The address `npm start` prints. A browser gets the web app there; without a
 * build of it, the GraphQL IDE (when it is enabled, i.e. outside production).
 * Anything else gets an index of the server's endpoints instead of a 404.
 */
@Controller()
export class HomeController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WEB_APP) private readonly webApp: WebApp | null,
  ) {}

  /**
   * Serves the app or redirects browsers to GraphiQL, or lists the endpoints.
   * The handler sends the reply itself either way: with Nest's passthrough
   * mode it would send the redirect and then Nest a second answer
   * (FST_ERR_REP_ALREADY_SENT).
   */
  @Get()
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    const hasIde = this.config.graphql.isIntrospectionEnabled;
    if (acceptsHtml(request.headers.accept)) {
      if (this.webApp !== null) return this.webApp.sendIndex(request, reply);
      if (hasIde) return reply.redirect('/graphiql', 302);
    }
    const index: HomeIndex = {
      name: 'Threatloom',
      endpoints: {
        web: this.webApp === null ? null : '/',
        graphql: '/graphql',
        graphiql: hasIde ? '/graphiql' : null,
        health: '/health',
        metrics: '/metrics',
      },
    };
    return reply.send(index);
  }
}
