// Child process of the bench: times scoreCvss alone over the vectors in a file,
// in a fresh process so no earlier run has warmed the score cache.
import { readFileSync } from 'node:fs';
import { scoreCvss } from '@threatloom/scoring';

const vectors = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const started = performance.now();
const cpuBefore = process.cpuUsage();
let checksum = 0;
for (const vector of vectors) checksum += scoreCvss(vector).overallScore;
const elapsedMs = performance.now() - started;
// CPU time as well as wall time: on a shared machine wall time also counts
// the time other processes held the core.
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(JSON.stringify({ elapsedMs, cpuMs, count: vectors.length, checksum }));
