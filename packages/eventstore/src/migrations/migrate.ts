import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Error raised when a migration fails; names the migration and keeps the cause. */
export class MigrationFailed extends Error {
  constructor(
    readonly migrationName: string | undefined,
    override readonly cause: unknown,
  ) {
    super(
      `database migration ${migrationName ?? '(unknown)'} failed: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
    this.name = 'MigrationFailed';
  }
}

/** Serves an in-memory record of migrations to Kysely's Migrator. */
class RecordMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

/** Applies every pending migration in name order; throws `MigrationFailed` on the first failure. */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  migrations: Record<string, Migration>,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new RecordMigrationProvider(migrations) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error !== undefined || failed !== undefined)
    throw new MigrationFailed(failed?.migrationName, error);
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
