/** Renders migration statements as the readable .sql file kept in infra/sql/ (statements end in `;`). */
export function renderSqlFile(header: readonly string[], statements: readonly string[]): string {
  const comment = header.map((line) => (line === '' ? '--' : `-- ${line}`)).join('\n');
  return `${comment}\n\n${statements.map((statement) => `${statement};`).join('\n\n')}\n`;
}
