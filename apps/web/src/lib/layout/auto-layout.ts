import { fromElkGraph, toElkGraph, type LayoutInput, type LayoutResult } from './elk-graph.js';

/**
 * Lays the model out with ELK in a web worker. The engine (about 1.5 MB) is
 * loaded only now, the first time someone asks for a layout, so opening the
 * editor never pays for it; the page stays responsive while it runs.
 */
export async function autoLayout(input: LayoutInput): Promise<LayoutResult> {
  const [{ default: ELK }, { default: workerUrl }] = await Promise.all([
    import('elkjs/lib/elk-api.js'),
    import('elkjs/lib/elk-worker.min.js?url'),
  ]);
  const elk = new ELK({ workerFactory: () => new Worker(workerUrl) });
  try {
    return fromElkGraph(await elk.layout(toElkGraph(input)), input);
  } finally {
    elk.terminateWorker();
  }
}
