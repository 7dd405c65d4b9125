import { createHash } from 'node:crypto';

/** An HTML file of the web app, held in memory with what its answer needs. */
export interface HtmlPage {
  body: Buffer;
  /** Strong validator of the body, for `If-None-Match`. */
  etag: string;
  /** CSP sources (`'sha256-…'`) of the inline scripts the page runs. */
  scriptHashes: readonly string[];
}

/** Every `<script>` element: its attributes and its text. */
const SCRIPT_ELEMENT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const SRC_ATTRIBUTE = /(?:^|\s)src\s*=/i;

/**
 * The CSP hash sources of the inline scripts in `html`: one per `<script>`
 * without `src`, over its text as the browser reads it (HTML parsing turns
 * CRLF and CR into LF). SvelteKit's fallback page has one, the bootstrap that
 * imports the app's entry points.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(SCRIPT_ELEMENT)) {
    const [, attributes = '', text = ''] = match;
    if (SRC_ATTRIBUTE.test(attributes)) continue;
    const parsedText = text.replace(/\r\n?/g, '\n');
    hashes.add(`'sha256-${createHash('sha256').update(parsedText, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/** The page `body` with its validator and script hashes. */
export function htmlPage(body: Buffer): HtmlPage {
  return {
    body,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    scriptHashes: inlineScriptHashes(body.toString('utf8')),
  };
}
