import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Runs the real bin (bin/threatloom.js -> dist/main.js) as a child process; the
// package's test script builds dist first.
const bin = fileURLToPath(new URL('../bin/threatloom.js', import.meta.url));

function threatloom(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const v31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:R/MAV:L';
const v40 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U';

describe('threatloom score VECTOR', () => {
  it('prints a readable block and exits 0', () => {
    const { code, stdout } = threatloom(['score', v31]);
    expect(code).toBe(0);
    expect(stdout).toContain('CVSS 3.1');
    expect(stdout).toContain('Base score           9.8  Critical');
    expect(stdout).toContain('Overall score        7.0  High');
  });

  it('prints one JSON object with --json', () => {
    const { code, stdout } = threatloom(['score', v40, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      version: '4.0',
      vector: v40,
      baseScore: 9.3,
      baseSeverity: 'critical',
      temporalScore: null,
      threatScore: 8.1,
      environmentalScore: null,
      overallScore: 8.1,
      severity: 'high',
    });
  });

  it('exits 2 with the precise error on stderr for a bad vector', () => {
    const { code, stdout, stderr } = threatloom([
      'score',
      'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      "threatloom score: invalid vector: AV: got 'X', expected one of N, A, L, P\n",
    );
  });

  it('exits 2 with the error as JSON on stdout for a bad vector with --json', () => {
    const { code, stdout } = threatloom(['score', 'CVSS:3.1/AV:N', '--json']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({
      error: 'AC: missing mandatory metric, expected one of L, H',
      field: 'AC',
      value: null,
    });
  });

  it('exits 2 when neither a vector nor --stdin is given', () => {
    const { code, stderr } = threatloom(['score']);
    expect(code).toBe(2);
    expect(stderr).toContain('missing VECTOR');
  });

  it('exits 2 for an unknown option or command', () => {
    expect(threatloom(['score', '--fast', v31]).code).toBe(2);
    expect(threatloom(['frobnicate']).code).toBe(2);
  });

  it('exits 0 for --help and --version', () => {
    expect(threatloom(['--help'])).toMatchObject({ code: 0 });
    expect(threatloom(['--version'])).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });
});

describe('threatloom score --stdin --json', () => {
  it('writes one JSON object per input line, in order, and an error object for a bad line', () => {
    const { code, stdout } = threatloom(
      ['score', '--stdin', '--json'],
      `${v31}\nCVSS:3.1/AV:N/AV:L\n${v40}\n`,
    );
    expect(code).toBe(0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ overallScore: 7.0 });
    expect(lines[1]).toMatchObject({
      error: expect.stringContaining('AV: given more than once'),
      input: 'CVSS:3.1/AV:N/AV:L',
    });
    expect(lines[2]).toMatchObject({ overallScore: 8.1 });
  });

  it('exits 2 after writing every line when --strict is given and a line was bad', () => {
    const { code, stdout } = threatloom(
      ['score', '--stdin', '--json', '--strict'],
      `${v31}\nbad\n`,
    );
    expect(code).toBe(2);
    expect(stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it('scores 10,000 lines', () => {
    const input = Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? v40 : v31)).join('\n');
    const { code, stdout } = threatloom(['score', '--stdin', '--json'], input);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(10_000);
  });

  it('rejects a vector argument together with --stdin', () => {
    expect(threatloom(['score', v31, '--stdin']).code).toBe(2);
  });
});
