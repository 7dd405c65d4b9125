import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { htmlPage, type HtmlPage } from './html-page.js';
import { htmlSecurityHeaders } from './security-headers.js';
import { findWebAppFile } from './web-app-file.js';
import { webAppPath } from './web-app-path.js';

/** Vite names these files by their content hash: a browser may keep them for good. */
const IMMUTABLE_PREFIX = '_app/immutable/';
const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Anything else (index.html above all) is checked with the server on each use. */
const REVALIDATE_CACHE_CONTROL = 'no-cache';

/** Whether the client asks for a page (browsers send text/html first in Accept). */
export function acceptsHtml(accept: string | undefined): boolean {
  return (accept ?? '').includes('text/html');
}

/** Whether `ifNoneMatch` names `etag` (weak or strong) or is `*`. */
function isNotModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/** Nest's not-found handler: the same JSON 404 as any other unknown path gets. */
function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/**
 * The built single-page app in WEB_ROOT (SvelteKit, adapter-static): its files,
 * and index.html, which renders every route of the app in the browser.
 * index.html is read once, at start, so the script hashes of its policy always
 * match the bytes it is served with; after rebuilding the app, restart.
 */
export class WebApp {
  private constructor(
    /** WEB_ROOT with every symlink resolved. */
    readonly root: string,
    private readonly index: HtmlPage,
  ) {}

  /** The build in `webRoot`, or null when there is no index.html there. */
  static async load(webRoot: string): Promise<WebApp | null> {
    let root: string;
    try {
      root = await realpath(webRoot);
    } catch {
      return null;
    }
    const index = await findWebAppFile(root, 'index.html');
    if (index === null) return null;
    return new WebApp(root, htmlPage(await readFile(join(root, index))));
  }

  /** Answers the app's index.html (at `/`, and for every route of the app). */
  sendIndex(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    return this.sendPage(request, reply, this.index);
  }

  /**
   * Answers a GET or HEAD that no API route matched: the file at its path, or
   * for a page of the app (a browser asking for a path without an extension)
   * index.html; anything else gets the API's usual 404.
   */
  async answer(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const path = webAppPath(request.url);
    if (path === null) return notFound(reply);
    const file = await findWebAppFile(this.root, path.relativePath);
    if (file === null) {
      const isAppPage = !path.hasExtension && acceptsHtml(request.headers.accept);
      return isAppPage ? this.sendIndex(request, reply) : notFound(reply);
    }
    if (file === 'index.html') return this.sendIndex(request, reply);
    if (file.endsWith('.html')) {
      return this.sendPage(request, reply, htmlPage(await readFile(join(this.root, file))));
    }
    return reply
      .header(
        'cache-control',
        path.relativePath.startsWith(IMMUTABLE_PREFIX)
          ? IMMUTABLE_CACHE_CONTROL
          : REVALIDATE_CACHE_CONTROL,
      )
      .header('x-content-type-options', 'nosniff')
      .sendFile(file, this.root, { cacheControl: false });
  }

  private sendPage(request: FastifyRequest, reply: FastifyReply, page: HtmlPage): FastifyReply {
    const answer = reply
      .headers({
        ...htmlSecurityHeaders(page.scriptHashes, request.host),
        'cache-control': REVALIDATE_CACHE_CONTROL,
        etag: page.etag,
        // The same path answers a page or the API's JSON, by the Accept header.
        vary: 'accept',
      })
      .type('text/html; charset=utf-8');
    if (isNotModified(request.headers['if-none-match'], page.etag)) return answer.code(304).send();
    return answer.send(page.body);
  }
}
