import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One file the IDE page loads, served from an installed npm package. */
export interface GraphiqlAsset {
  /** The package the file comes from (pinned in apps/api/package.json). */
  packageName: 'react' | 'react-dom' | 'graphiql';
  /** Path inside the package. */
  file: string;
  contentType: string;
}

/**
 * The IDE's third-party files by the name under `/graphiql/assets/`. They are
 * the same builds the public CDN serves, taken from node_modules, so the IDE
 * works on a machine without internet access.
 */
export const GRAPHIQL_ASSETS: Readonly<Record<string, GraphiqlAsset>> = {
  'react.production.min.js': {
    packageName: 'react',
    file: 'umd/react.production.min.js',
    contentType: 'text/javascript; charset=utf-8',
  },
  'react-dom.production.min.js': {
    packageName: 'react-dom',
    file: 'umd/react-dom.production.min.js',
    contentType: 'text/javascript; charset=utf-8',
  },
  'graphiql.min.js': {
    packageName: 'graphiql',
    file: 'graphiql.min.js',
    contentType: 'text/javascript; charset=utf-8',
  },
  'graphiql.min.css': {
    packageName: 'graphiql',
    file: 'graphiql.min.css',
    contentType: 'text/css; charset=utf-8',
  },
};

const require = createRequire(import.meta.url);

/** Where an installed package lives (every package here exports its package.json). */
function packageDirectory(packageName: GraphiqlAsset['packageName']): string {
  return dirname(require.resolve(`${packageName}/package.json`));
}

/** Reads each asset once, on first request, and keeps it in memory (about 4 MB in all). */
export class GraphiqlAssetStore {
  private readonly loaded = new Map<string, Promise<Buffer>>();

  /** The asset's bytes and type, or null for a name that is not an IDE asset. */
  async get(name: string): Promise<{ body: Buffer; contentType: string } | null> {
    const asset = Object.hasOwn(GRAPHIQL_ASSETS, name) ? GRAPHIQL_ASSETS[name] : undefined;
    if (asset === undefined) return null;
    let body = this.loaded.get(name);
    if (body === undefined) {
      body = readFile(join(packageDirectory(asset.packageName), asset.file));
      this.loaded.set(name, body);
    }
    return { body: await body, contentType: asset.contentType };
  }
}
