#!/usr/bin/env node
// Runs every workspace package's `bench` script one at a time (benchmarks
// must not compete for the two cores), then merges the partial result files
// they write into bench/results/latest.json and docs/benchmarks.md.
// `--task <script>` runs another script instead (e.g. `bench:collab`, the
// co-editing benchmarks alone); like naming packages, that updates only the
// metrics it measured.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });

const only = [];
let task = 'bench';
const args = process.argv.slice(2);
for (let index = 0; index < args.length; index += 1) {
  const arg = args[index];
  if (arg === '--task') task = args[++index] ?? '';
  else if (arg.startsWith('--task=')) task = arg.slice('--task='.length);
  else only.push(arg);
}
if (!/^bench(:[\w-]+)?$/.test(task)) {
  console.error(`[bench] --task must name a bench script (bench or bench:<name>), not '${task}'`);
  process.exit(2);
}
const partial = only.length > 0 || task !== 'bench';
const filters = only.flatMap((name) => ['--filter', name]);

for (const file of readdirSync(resultsDir)) {
  if (file.endsWith('.partial.json')) rmSync(join(resultsDir, file));
}

const run = spawnSync(
  'pnpm',
  ['exec', 'turbo', 'run', task, '--concurrency=1', '--output-logs=full', ...filters],
  { cwd: root, stdio: 'inherit' },
);

const metrics = {};
const sources = [];
for (const file of readdirSync(resultsDir).sort()) {
  if (!file.endsWith('.partial.json')) continue;
  const partial = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
  sources.push(file);
  Object.assign(metrics, partial.metrics ?? {});
}

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
const report = {
  generatedAt: new Date().toISOString(),
  commit: commit.status === 0 ? commit.stdout.trim() : null,
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  metrics: Object.fromEntries(Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b))),
};

if (Object.keys(metrics).length === 0) {
  console.error('[bench] no package wrote any results');
  process.exit(1);
}

const latestPath = join(resultsDir, 'latest.json');
// A partial run (packages named, or another task) updates only its metrics.
if (partial && existsSync(latestPath)) {
  const previous = JSON.parse(readFileSync(latestPath, 'utf8'));
  report.metrics = Object.fromEntries(
    Object.entries({ ...previous.metrics, ...report.metrics }).sort(([a], [b]) =>
      a.localeCompare(b),
    ),
  );
}
writeFileSync(latestPath, JSON.stringify(report, null, 2) + '\n');

const format = (value) =>
  value === undefined || value === null
    ? ''
    : typeof value === 'number'
      ? Number(value.toPrecision(4)).toLocaleString('en-GB')
      : String(value);
const rows = Object.entries(report.metrics).map(
  ([name, m]) =>
    `| \`${name}\` | ${format(m.value)} | ${m.unit ?? ''} | ${format(m.baseline)} | ${format(m.ratio)} | ${m.target ?? ''} |`,
);
const markdown = `# Benchmarks

Measured by \`pnpm bench\` (see the README). Each comparison runs side by side in the
same run on the same database; \`ratio\` = value / baseline. Raw figures:
\`bench/results/latest.json\`.

Last run: ${report.generatedAt} on commit \`${report.commit ?? 'unknown'}\`, ${report.machine.cpus} cores
(${report.machine.cpuModel ?? 'unknown CPU'}), ${report.machine.memoryGiB} GiB, Node ${report.machine.node}.

| metric | value | unit | baseline | ratio | target |
| --- | ---: | --- | ---: | ---: | --- |
${rows.join('\n')}
`;
writeFileSync(join(root, 'docs', 'benchmarks.md'), markdown);
console.log(
  `[bench] ${Object.keys(report.metrics).length} metrics from ${sources.join(', ')} -> bench/results/latest.json, docs/benchmarks.md`,
);
process.exit(run.status ?? 1);
