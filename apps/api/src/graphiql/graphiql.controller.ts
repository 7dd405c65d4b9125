import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { GraphiqlAssetStore } from './graphiql-assets.js';
import { GRAPHIQL_PAGE, GRAPHIQL_START_SCRIPT } from './graphiql-page.js';

/** Assets come from pinned packages, so a browser may keep them for a day. */
const ASSET_CACHE_CONTROL = 'public, max-age=86400';

/**
 * The GraphQL IDE (GraphiQL) at /graphiql, outside production. Served here
 * rather than by mercurius, whose page loads React and GraphiQL from a public
 * CDN and so stays blank without internet access.
 */
@Controller('graphiql')
export class GraphiqlController {
  private readonly assets = new GraphiqlAssetStore();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The IDE page. */
  @Get()
  page(@Res() reply: FastifyReply): FastifyReply {
    this.requireIde();
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(GRAPHIQL_PAGE);
  }

  /** The script that starts the IDE against /graphql. */
  @Get('start.js')
  startScript(@Res() reply: FastifyReply): FastifyReply {
    this.requireIde();
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(GRAPHIQL_START_SCRIPT);
  }

  /** React, ReactDOM and GraphiQL's script and stylesheet, from node_modules. */
  @Get('assets/:name')
  async asset(@Param('name') name: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    this.requireIde();
    const asset = await this.assets.get(name);
    if (asset === null) throw new NotFoundException(`No IDE asset named ${name}`);
    return reply
      .type(asset.contentType)
      .header('cache-control', ASSET_CACHE_CONTROL)
      .send(asset.body);
  }

  private requireIde(): void {
    if (!this.config.graphql.isIntrospectionEnabled) {
      throw new NotFoundException('The GraphQL IDE is off in production');
    }
  }
}
