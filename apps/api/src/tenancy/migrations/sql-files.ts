import { renderSqlFile } from './render-sql-file.js';
import { rowLevelSecuritySql } from './row-level-security.sql.js';
import { tenancyTablesSql } from './tenancy-tables.sql.js';
import { modelStateSnapshotsSql } from '../../model-state/migrations/model-state-snapshots.sql.js';
import { modelStateMilestonesSql } from '../../model-state/migrations/model-state-milestones.sql.js';
import { collabDocSnapshotsSql } from '../../collab/migrations/collab-doc-snapshots.sql.js';

/** The infra/sql files generated from the migrations, by file name (relative to infra/sql/). */
export const tenancySqlFiles: Record<string, string> = {
  'tenancy-tables.sql': renderSqlFile(
    [
      'Tenancy read models (migration 20261124T1100_tenancy_read_models).',
      'Generated from apps/api/src/tenancy/migrations/tenancy-tables.sql.ts;',
      'apps/api/test/tenancy/sql-files.int.spec.ts fails when the two differ',
      '(run it with UPDATE_SQL_FILES=1 to rewrite this file).',
    ],
    tenancyTablesSql,
  ),
  'row-level-security.sql': renderSqlFile(
    [
      'Row-level security on every tenant table (migration',
      '20261124T1110_tenancy_row_level_security). Generated from',
      'apps/api/src/tenancy/migrations/row-level-security.sql.ts;',
      'apps/api/test/tenancy/sql-files.int.spec.ts fails when the two differ',
      '(run it with UPDATE_SQL_FILES=1 to rewrite this file).',
      '',
      "Fail closed: nullif(current_setting(name, true), '') turns an unset or empty",
      'setting into NULL, and `x = any (NULL)` is never true, so a transaction that',
      "did not set app.org_ids sees no tenant row. app.system = 'on' is set only by",
      'DatabaseService.systemTransaction (projections, seeding).',
    ],
    rowLevelSecuritySql,
  ),
  'model-state-snapshots.sql': renderSqlFile(
    [
      'Persisted model-state snapshots (migration 20261207T0900_model_state_snapshots).',
      'Generated from apps/api/src/model-state/migrations/model-state-snapshots.sql.ts;',
      'apps/api/test/tenancy/sql-files.int.spec.ts fails when the two differ',
      '(run it with UPDATE_SQL_FILES=1 to rewrite this file).',
    ],
    modelStateSnapshotsSql,
  ),
  'model-state-milestones.sql': renderSqlFile(
    [
      'Milestone model-state snapshots (migration 20261208T0900_model_state_milestones).',
      'Generated from apps/api/src/model-state/migrations/model-state-milestones.sql.ts;',
      'apps/api/test/tenancy/sql-files.int.spec.ts fails when the two differ',
      '(run it with UPDATE_SQL_FILES=1 to rewrite this file).',
    ],
    modelStateMilestonesSql,
  ),
  'collab-doc-snapshots.sql': renderSqlFile(
    [
      'Persisted co-editing doc snapshots (migration 20261207T1300_collab_doc_snapshots).',
      'Generated from apps/api/src/collab/migrations/collab-doc-snapshots.sql.ts;',
      'apps/api/test/tenancy/sql-files.int.spec.ts fails when the two differ',
      '(run it with UPDATE_SQL_FILES=1 to rewrite this file).',
    ],
    collabDocSnapshotsSql,
  ),
};
