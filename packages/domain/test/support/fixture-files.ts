import { readFileSync } from 'node:fs';

// Every fixture lives inside the repository, so a fresh clone tests itself.
const cvssDirectory = new URL('../../../scoring/test/fixtures/cvss/', import.meta.url);
const genomeWellFile = new URL('../../../../apps/api/src/demo/genomewell.json', import.meta.url);

/** Reads one file of the CVSS reference vectors kept with the scoring package's tests. */
export function readCvssReferenceVectors(file: string): string {
  return readFileSync(new URL(file, cvssDirectory), 'utf8');
}

/** Reads the GenomeWell case study: the demo model the API ships, the one copy in the repository. */
export function readGenomeWell(): string {
  return readFileSync(genomeWellFile, 'utf8');
}
