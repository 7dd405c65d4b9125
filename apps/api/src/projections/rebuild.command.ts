import { ConfigError, loadConfig } from '../config/config.schema.js';
import { DatabaseService } from '../database/database.service.js';
import { createProjections } from './projection-registry.js';
import { ProjectionRunner } from './projection-runner.js';

/**
 * `pnpm --filter @threatloom/api projections:rebuild [name]`: empties the named
 * projection's tables (all projections when no name is given), replays every
 * event from the first one, and exits when caught up. Uses the same
 * environment as the server. On PGlite, stop the server first (one process
 * owns the data directory); on PostgreSQL running servers notice the reset
 * checkpoint and follow.
 */
async function rebuild(name: string | undefined): Promise<void> {
  const config = loadConfig();
  const database = await DatabaseService.open(config.database);
  const runner = new ProjectionRunner(
    database,
    createProjections(database.eventStore, undefined, config.modelState.milestoneEvery),
    {
      log: (message) => console.log(message),
      error: (message) => console.error(message),
    },
  );
  try {
    await runner.start();
    const rebuilt = await runner.rebuild(name);
    await runner.caughtUp();
    const positions = runner.positions();
    for (const projection of rebuilt) {
      console.log(`rebuilt ${projection} up to global position ${positions.get(projection) ?? 0}`);
    }
  } finally {
    await runner.stop();
    await database.close();
  }
}

rebuild(process.argv[2]).catch((error: unknown) => {
  console.error(
    error instanceof ConfigError
      ? error.message
      : `rebuild failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
