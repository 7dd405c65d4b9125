import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { WEB_APP } from './web-app.tokens.js';
import type { WebApp } from './web-app.js';

type ConstraintStrategy = Parameters<FastifyInstance['addConstraintStrategy']>[0];
type RouteHandler = Parameters<ReturnType<ConstraintStrategy['storage']>['set']>[1];

/**
 * Tells a WebSocket handshake from a plain request, so the web app's route can
 * leave handshakes alone: @fastify/websocket would otherwise accept one to any
 * path the route matches and close it at once, where an unknown path should
 * keep answering 404.
 */
const upgradeStrategy: ConstraintStrategy = {
  name: 'upgrade',
  storage() {
    const handlers = new Map<unknown, RouteHandler>();
    return {
      get: (value) => handlers.get(value) ?? null,
      set: (value, handler) => void handlers.set(value, handler),
    };
  },
  deriveConstraint: (request) =>
    (request.headers.upgrade ?? '').toLowerCase() === 'websocket' ? 'websocket' : 'none',
  mustMatchWhenDerived: false,
};

/**
 * Registers the web app's route, `GET /*` (and HEAD), when WEB_ROOT holds a
 * build. Fastify's router prefers every static and parametric route over a
 * wildcard, so each API route keeps its path; this one answers only what no
 * other route matched.
 */
@Injectable()
export class WebAppRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(WEB_APP) private readonly webApp: WebApp | null,
  ) {}

  /** Adds the route (before the server listens, as the collab endpoint does). */
  onModuleInit(): void {
    const webApp = this.webApp;
    if (webApp === null) return;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addConstraintStrategy(upgradeStrategy);
    void fastify.register(async (instance) => {
      // Only for reply.sendFile (ETag, Last-Modified, 304, ranges, content types): the route is ours.
      await instance.register(fastifyStatic, { serve: false });
      // The build holds no precompressed files: compress on the fly for clients that accept it.
      await instance.register(fastifyCompress, {
        encodings: ['br', 'gzip'],
        globalDecompression: false,
      });
      instance.route({
        method: 'GET',
        url: '/*',
        constraints: { upgrade: 'none' },
        handler: (request, reply) => webApp.answer(request, reply),
      });
    });
  }
}
