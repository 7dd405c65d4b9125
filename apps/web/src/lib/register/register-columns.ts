import type { RegisterColumn } from './register-query.js';

/** A column of the register: its heading, and the width the fixed table layout gives it. */
export interface RegisterColumnHeading {
  column: RegisterColumn;
  heading: string;
  width: string;
}

/** The register's columns in order; the title takes what the others leave. */
export const registerColumnHeadings: RegisterColumnHeading[] = [
  { column: 'ref', heading: 'Ref', width: '4.6rem' },
  { column: 'title', heading: 'Title', width: 'auto' },
  { column: 'target', heading: 'Target', width: '14%' },
  { column: 'stride', heading: 'STRIDE', width: '5.3rem' },
  { column: 'score', heading: 'Score', width: '4.6rem' },
  { column: 'severity', heading: 'Severity', width: '6.4rem' },
  { column: 'strategy', heading: 'Strategy', width: '6.2rem' },
  { column: 'owner', heading: 'Owners', width: '10%' },
  { column: 'status', heading: 'Status', width: '6.4rem' },
];
