import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { fromElkGraph, toElkGraph, type LayoutInput, type LayoutResult } from './elk-graph.js';

/**
 * Runs ELK on `graph` in a web worker. The engine (about 1.6 MB) is loaded
 * only now, the first time a layout is asked for, so opening the editor never
 * pays for it; the page stays responsive while it runs.
 */
export async function runElk(graph: ElkNode): Promise<ElkNode> {
  const [{ default: ELK }, { default: workerUrl }] = await Promise.all([
    import('elkjs/lib/elk-api.js'),
    import('elkjs/lib/elk-worker.min.js?url'),
  ]);
  const elk = new ELK({ workerFactory: () => new Worker(workerUrl) });
  try {
    return await elk.layout(graph);
  } finally {
    elk.terminateWorker();
  }
}

/** Lays the model's zones, elements and flows out with ELK. */
export async function autoLayout(input: LayoutInput): Promise<LayoutResult> {
  return fromElkGraph(await runElk(toElkGraph(input)), input);
}
