import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { tryScoreCvss } from '@threatloom/scoring';
import { type CliOutput, writeWithBackpressure } from '../io.js';
import {
  formatErrorLine,
  formatScoreLine,
  scoreToJson,
  vectorErrorToJson,
} from './format-score.js';

/** How a stream of vectors is written: JSON lines or tab-separated summary lines. */
export type LineFormat = 'json' | 'text';

/** What happened to a stream of vectors. */
export interface StreamSummary {
  lines: number;
  failed: number;
}

/** Scores one input line into one output line (without the newline); a bad vector becomes an error line. */
export function scoreLine(line: string, format: LineFormat): { output: string; ok: boolean } {
  const result = tryScoreCvss(line);
  if (result.ok) {
    return {
      ok: true,
      output:
        format === 'json'
          ? JSON.stringify(scoreToJson(result.score))
          : formatScoreLine(result.score),
    };
  }
  return {
    ok: false,
    output:
      format === 'json'
        ? JSON.stringify(vectorErrorToJson(result.error, line))
        : formatErrorLine(result.error),
  };
}

// Writing each line separately costs a syscall per vector; batches keep 10,000
// vectors in a handful of writes while still streaming very large inputs.
const batchChars = 64 * 1024;

/**
 * Reads one vector per line and writes one result per line, in input order.
 * Every input line yields an output line, blank ones included, so line N of the
 * output always answers line N of the input.
 */
export async function scoreLines(
  input: Readable,
  output: CliOutput,
  format: LineFormat,
): Promise<StreamSummary> {
  const summary: StreamSummary = { lines: 0, failed: 0 };
  let batch = '';
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const scored = scoreLine(line, format);
    summary.lines += 1;
    if (!scored.ok) summary.failed += 1;
    batch += `${scored.output}\n`;
    if (batch.length >= batchChars) {
      await writeWithBackpressure(output, batch);
      batch = '';
    }
  }
  if (batch.length > 0) await writeWithBackpressure(output, batch);
  return summary;
}
