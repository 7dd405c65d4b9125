// Measures the domain's hot paths on the built package: loading GenomeWell through
// decide, replaying a large model's stream, deciding one command against it and
// computing the checklist. Writes bench/results/domain.partial.json at the repo root.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { closureChecklist, decide, loadGenomeWell, replay, strideMatrix } from '../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');

/** Median wall time of `runs` calls, after `warmup` unmeasured calls. */
function medianMs(fn, runs = 15, warmup = 3) {
  for (let i = 0; i < warmup; i += 1) fn();
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const context = {
  actor: { userId: 'bench', organisationId: 'org', roles: ['editor', 'risk_owner'] },
  now: '2026-03-02T09:00:00.000Z',
};
// The GenomeWell case study is the demo model the API ships: one copy in the repository.
const genomeWell = JSON.parse(
  readFileSync(join(repoRoot, 'apps', 'api', 'src', 'demo', 'genomewell.json'), 'utf8'),
);
const loaded = loadGenomeWell(genomeWell, context);
if (!loaded.ok) throw new Error(loaded.error.message);

/** A large model: 10 zones, 200 elements, 300 flows, 2,000 scored threats, 500 mitigations. */
function largeModelEvents() {
  let state = replay([]);
  const events = [];
  const apply = (command) => {
    const result = decide(command, state, context);
    if (!result.ok) throw new Error(`${command.type}: ${result.error.message}`);
    state = replay(result.events, state);
    events.push(...result.events);
  };
  apply({ type: 'CreateThreatModel', modelId: 'big', systemId: 'sys', name: 'Big' });
  const trust = ['untrusted', 'low', 'external', 'partner', 'trusted', 'restricted'];
  for (let z = 0; z < 10; z += 1)
    apply({ type: 'AddZone', zoneId: `z${z}`, name: `Zone ${z}`, trust: trust[z % 6] });
  const kinds = ['external_entity', 'process', 'data_store'];
  for (let e = 0; e < 200; e += 1) {
    apply({
      type: 'AddElement',
      elementId: `e${e}`,
      kind: kinds[e % 3],
      name: `Element ${e}`,
      zoneId: `z${e % 10}`,
    });
  }
  for (let f = 0; f < 300; f += 1) {
    apply({
      type: 'AddFlow',
      flowId: `f${f}`,
      name: `Flow ${f}`,
      sourceId: `e${f % 200}`,
      destinationId: `e${(f * 7 + 1) % 200}`,
      bidirectional: f % 2 === 0,
    });
  }
  const stride = [
    'spoofing',
    'tampering',
    'repudiation',
    'information_disclosure',
    'denial_of_service',
    'elevation_of_privilege',
  ];
  for (let t = 0; t < 2000; t += 1) {
    const target =
      t % 3 === 0 ? { kind: 'flow', id: `f${t % 300}` } : { kind: 'element', id: `e${t % 200}` };
    apply({
      type: 'IdentifyThreat',
      threatId: `t${t}`,
      title: `Threat ${t}`,
      stride: stride[t % 6],
      target,
    });
    apply({
      type: 'ScoreThreat',
      threatId: `t${t}`,
      method: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N' },
      stated: { score: 8.8, severity: 'high' },
    });
  }
  for (let m = 0; m < 500; m += 1) {
    apply({
      type: 'PlanMitigation',
      mitigationId: `m${m}`,
      threatIds: [`t${m}`, `t${m + 500}`],
      strategies: ['mitigate'],
      action: `Action ${m}`,
      owner: m % 2 ? 'Team' : null,
    });
  }
  return { events, state };
}

const large = largeModelEvents();
const replayMs = medianMs(() => replay(large.events), 7, 1);
const decideMs = medianMs(
  () =>
    decide(
      {
        type: 'IdentifyThreat',
        threatId: 'tnew',
        title: 'New',
        stride: 'tampering',
        target: { kind: 'element', id: 'e1' },
      },
      large.state,
      context,
    ),
  201,
  20,
);

const metrics = {
  'domain.genomewell.load': {
    value: Number(medianMs(() => loadGenomeWell(genomeWell, context)).toFixed(2)),
    unit: 'ms',
    target: '< 50 ms',
  },
  'domain.genomewell.checklist': {
    value: Number(medianMs(() => closureChecklist(loaded.state), 101, 10).toFixed(3)),
    unit: 'ms',
    target: '< 10 ms',
  },
  'domain.large.replay.events_per_s': {
    value: Math.round(large.events.length / (replayMs / 1000)),
    unit: 'events/s',
    target: '> 10000 events/s',
  },
  'domain.large.replay': { value: Number(replayMs.toFixed(1)), unit: 'ms' },
  'domain.large.decide': { value: Number(decideMs.toFixed(3)), unit: 'ms', target: '< 5 ms' },
  'domain.large.checklist': {
    value: Number(medianMs(() => closureChecklist(large.state), 7, 1).toFixed(1)),
    unit: 'ms',
    target: '< 200 ms',
  },
  'domain.large.stride_matrix': {
    value: Number(medianMs(() => strideMatrix(large.state), 7, 1).toFixed(1)),
    unit: 'ms',
    target: '< 200 ms',
  },
};

const out = join(repoRoot, 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'domain.partial.json'), `${JSON.stringify({ metrics }, null, 2)}\n`);
console.log(`large model: ${large.events.length} events`);
console.log(JSON.stringify(metrics, null, 2));
