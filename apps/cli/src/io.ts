import type { Readable } from 'node:stream';

/** A stream the command writes to; `write` returns false when the caller should wait for 'drain'. */
export interface CliOutput {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** The process streams a command uses, passed in so tests can run commands in-process. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
}

/** Writes a chunk and waits for the stream to drain when its buffer is full. */
export async function writeWithBackpressure(output: CliOutput, chunk: string): Promise<void> {
  if (!output.write(chunk)) await new Promise<void>((resolve) => output.once('drain', resolve));
}
