import type { RegisterColumn } from './register-query.js';

/** The register's columns in order: heading, and the width the fixed table layout gives each. */
export const registerColumnHeadings: { column: RegisterColumn; heading: string; width: string }[] =
  [
    { column: 'ref', heading: 'Ref', width: '4rem' },
    { column: 'title', heading: 'Title', width: 'auto' },
    { column: 'target', heading: 'Target', width: '9.5rem' },
    { column: 'stride', heading: 'STRIDE', width: '5.6rem' },
    { column: 'score', heading: 'Score', width: '4.8rem' },
    { column: 'severity', heading: 'Severity', width: '6.8rem' },
    { column: 'strategy', heading: 'Strategy', width: '6.8rem' },
    { column: 'owner', heading: 'Owners', width: '7.5rem' },
    { column: 'status', heading: 'Status', width: '6.8rem' },
  ];
