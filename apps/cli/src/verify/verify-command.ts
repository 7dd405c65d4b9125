import { type Command } from 'commander';
import type { CliIo } from '../io.js';
import type { VerifyOptions } from './verify-run.js';

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** Adds `threatloom verify`: checks the event store's hash chains and sealed log. */
export function registerVerifyCommand(program: Command, io: CliIo): void {
  program
    .command('verify')
    .description(
      'check the event store against its signed checkpoints and hash chains: names every altered, inserted, deleted or reordered event. Reads DATABASE_URL, or the embedded DATA_DIR when no server holds it, otherwise goes through the running server with THREATLOOM_TOKEN; exits 0 intact, 1 tampering found, 2 usage error, 3 could not verify',
    )
    .option('--model <id>', "verify one model's stream (model-<id>)")
    .option('--system <id>', 'verify every model of a system')
    .option('--all', 'verify every stream (the default)')
    .option(
      '--checkpoint <file>',
      'also compare with this signed checkpoint (JSON) held outside the store',
    )
    .option(
      '--key <file>',
      'also trust checkpoints signed by this Ed25519 key (PEM; repeatable)',
      collect,
    )
    .option('--json', 'print the verification as JSON')
    .option(
      '--server <url>',
      "verify through this running server's GraphQL API (token from THREATLOOM_TOKEN) instead of opening the database; default when a server holds DATA_DIR: THREATLOOM_SERVER, else http://localhost:PORT",
    )
    .action(async (options: VerifyOptions) => {
      // Loaded when the command runs: the event store and its drivers would slow every other command's start.
      const { runVerify } = await import('./verify-run.js');
      await runVerify(io, options);
    });
}
