import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliOutput } from '../io.js';
import { scoreLine, scoreLines } from './score-lines.js';

/** An in-memory output that can simulate a full buffer to exercise backpressure. */
class MemoryOutput implements CliOutput {
  text = '';
  writes = 0;
  private drainListener: (() => void) | null = null;

  constructor(private readonly isFull = false) {}

  write(chunk: string): boolean {
    this.text += chunk;
    this.writes += 1;
    if (this.isFull) queueMicrotask(() => this.drainListener?.());
    return !this.isFull;
  }

  once(_event: 'drain', listener: () => void): this {
    this.drainListener = listener;
    return this;
  }
}

const v31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const v40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

describe('scoreLine', () => {
  it('turns a valid vector into one JSON object', () => {
    const { ok, output } = scoreLine(v31, 'json');
    expect(ok).toBe(true);
    expect(JSON.parse(output)).toMatchObject({
      version: '3.1',
      overallScore: 9.8,
      severity: 'critical',
    });
  });

  it('turns an invalid vector into one JSON error object instead of throwing', () => {
    const { ok, output } = scoreLine('CVSS:3.1/AV:N', 'json');
    expect(ok).toBe(false);
    expect(JSON.parse(output)).toMatchObject({
      error: 'AC: missing mandatory metric, expected one of L, H',
      field: 'AC',
    });
  });
});

describe('scoreLines', () => {
  it('answers every input line with one output line, in order, blank lines included', async () => {
    const output = new MemoryOutput();
    const summary = await scoreLines(
      Readable.from([`${v31}\nnot a vector\n\n${v40}\n`]),
      output,
      'json',
    );
    const lines = output.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.overallScore ?? line.problem)).toEqual([
      9.8,
      'bad-prefix',
      'empty',
      9.3,
    ]);
    expect(summary).toEqual({ lines: 4, failed: 2 });
  });

  it('accepts Windows line endings', async () => {
    const output = new MemoryOutput();
    await scoreLines(Readable.from([`${v31}\r\n${v40}\r\n`]), output, 'json');
    expect(output.text.trimEnd().split('\n')).toHaveLength(2);
    expect(output.text).not.toContain('error');
  });

  it('writes nothing for empty input', async () => {
    const output = new MemoryOutput();
    expect(await scoreLines(Readable.from([]), output, 'json')).toEqual({ lines: 0, failed: 0 });
    expect(output.text).toBe('');
  });

  it('writes large inputs in batches rather than a write per line, waiting for drain when the output is full', async () => {
    const output = new MemoryOutput(true);
    const input = Array.from({ length: 3000 }, (_, i) => (i % 2 === 0 ? v31 : v40)).join('\n');
    await scoreLines(Readable.from([input]), output, 'json');
    expect(output.text.trimEnd().split('\n')).toHaveLength(3000);
    expect(output.writes).toBeGreaterThan(1);
    expect(output.writes).toBeLessThan(100);
  });

  it('writes tab-separated summary lines in text format', async () => {
    const output = new MemoryOutput();
    await scoreLines(Readable.from([`${v31}\n`]), output, 'text');
    expect(output.text).toBe(`9.8\tCritical\t${v31}\n`);
  });
});
