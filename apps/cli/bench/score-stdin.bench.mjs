// cli.score.stdin.10k: milliseconds to score 10,000 vectors through
// `threatloom score --stdin --json` (whole process: start-up, parsing, scoring,
// JSON output; wall and CPU) and, separately, the pure scoring time (wall and CPU). Writes
// bench/results/cli.partial.json at the repository root.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distinctVectors, referenceMix } from './vectors.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'threatloom.js');
const repoRoot = join(here, '..', '..', '..');
const count = 10_000;
const runs = 5;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// CPU time of the `threatloom` child as bash's `times` reports it (user + system
// of the shell's children): wall time on a shared machine also counts the time
// other processes held the cores.
const childCpu = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/;

function wholeProcess(input) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(
      '/bin/bash',
      [
        '-c',
        '"$0" "$1" score --stdin --json; status=$?; times >&2; exit $status',
        process.execPath,
        bin,
      ],
      { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    wall.push(performance.now() - started);
    const lines = result.stdout.trimEnd().split('\n');
    const times = childCpu.exec(result.stderr);
    if (
      result.status !== 0 ||
      times === null ||
      lines.length !== count ||
      lines.some((line) => line.includes('"error"'))
    ) {
      throw new Error(`threatloom failed (exit ${result.status}): ${result.stderr}`);
    }
    const [, userMin, userSec, sysMin, sysSec] = times.map(Number);
    cpu.push((userMin * 60 + userSec + sysMin * 60 + sysSec) * 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

// Each run is a fresh process, so no earlier run has warmed the score cache.
function pureScoring(file) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, [join(here, 'pure-scoring.mjs'), file], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(result.stderr);
    const { elapsedMs, cpuMs } = JSON.parse(result.stdout);
    wall.push(elapsedMs);
    cpu.push(cpuMs);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

const scratch = mkdtempSync(join(tmpdir(), 'threatloom-bench-'));
const metrics = {};
for (const [suffix, vectors, what] of [
  ['', referenceMix(count), 'reference vectors repeated'],
  ['.distinct', distinctVectors(count), 'distinct vectors'],
]) {
  const input = `${vectors.join('\n')}\n`;
  const file = join(scratch, `vectors${suffix}.txt`);
  writeFileSync(file, input);
  const whole = wholeProcess(input);
  const pure = pureScoring(file);
  const name = `cli.score.stdin.10k${suffix}`;
  metrics[name] = { value: Math.round(whole.wallMs), unit: 'ms', target: '< 1000 ms' };
  metrics[`${name}.cpu`] = { value: Math.round(whole.cpuMs), unit: 'ms' };
  metrics[`${name}.scoring`] = { value: Math.round(pure.wallMs), unit: 'ms', target: '< 1000 ms' };
  metrics[`${name}.scoring.cpu`] = { value: Math.round(pure.cpuMs), unit: 'ms' };
  console.log(
    `${what}: whole process ${whole.wallMs.toFixed(0)} ms (${whole.cpuMs.toFixed(0)} ms CPU); ` +
      `pure scoring ${pure.wallMs.toFixed(0)} ms (${pure.cpuMs.toFixed(0)} ms CPU); median of ${runs}`,
  );
}

const resultsDir = join(repoRoot, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'cli.partial.json'), `${JSON.stringify({ metrics }, null, 2)}\n`);
console.log(`wrote ${join(resultsDir, 'cli.partial.json')}`);
