import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { tenancySqlFiles } from '../../src/tenancy/migrations/sql-files.js';

const infraSql = new URL('../../../../infra/sql/', import.meta.url);

describe('infra/sql', () => {
  for (const [name, expected] of Object.entries(tenancySqlFiles)) {
    it(`${name} is exactly the SQL the migrations run`, async () => {
      const file = new URL(name, infraSql);
      // Regenerate on purpose with UPDATE_SQL_FILES=1 after changing a migration's SQL.
      if (process.env['UPDATE_SQL_FILES'] === '1') await writeFile(file, expected);
      expect(await readFile(file, 'utf8')).toBe(expected);
    });
  }
});
