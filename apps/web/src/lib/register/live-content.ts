import { contentOfCollabModel, modelFromDoc } from '@threatloom/collab';
import { emptyContent, type ModelContent } from '@threatloom/domain';
import type * as Y from 'yjs';

/**
 * The domain content of an open model's doc, for the domain's pure reads.
 * The doc holds what clients wrote until the server decides it, and its
 * governed part only once the server wrote it: every missing collection or
 * setting reads as empty, so a view never breaks on a half-synced doc.
 */
export function liveContent(doc: Y.Doc): ModelContent {
  const content = contentOfCollabModel(modelFromDoc(doc));
  const empty = emptyContent();
  const filled: Record<string, unknown> = { ...content };
  for (const [key, value] of Object.entries(empty)) {
    if (filled[key] === undefined || filled[key] === null) filled[key] = value;
  }
  return filled as unknown as ModelContent;
}
