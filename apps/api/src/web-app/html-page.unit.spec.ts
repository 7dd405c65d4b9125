import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { htmlPage, inlineScriptHashes } from './html-page.js';

const hashOf = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('inlineScriptHashes', () => {
  it('hashes the text of each inline script and skips scripts with src', () => {
    const html =
      '<script type="module" src="/_app/immutable/entry.js"></script>' +
      '<script>\n\t{ start(); }\n</script>' +
      '<SCRIPT nonce="n">déjà()</SCRIPT >';
    expect(inlineScriptHashes(html)).toEqual([hashOf('\n\t{ start(); }\n'), hashOf('déjà()')]);
  });

  it('hashes line breaks as the browser parses them', () => {
    expect(inlineScriptHashes('<script>a();\r\nb();\rc();</script>')).toEqual([
      hashOf('a();\nb();\nc();'),
    ]);
  });

  it('finds none in a page without inline scripts', () => {
    expect(htmlPage(Buffer.from('<p>no scripts</p>')).scriptHashes).toEqual([]);
  });
});
