import { Command, CommanderError } from 'commander';
import {
  ExitCode,
  type ExitCodeValue,
  ReportedFailure,
  UnavailableError,
  UsageError,
} from './exit-codes.js';
import type { CliIo } from './io.js';
import { registerScoreCommand } from './score/score-command.js';
import { registerVerifyCommand } from './verify/verify-command.js';

/** The CLI's version, printed by --version. */
export const cliVersion = '0.1.0';

/**
 * Builds the `threatloom` program. Each subcommand lives in its own folder and
 * registers itself here, so `import`, `export`, `check`, `verify` and `replay`
 * are one line each when they arrive.
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('threatloom')
    .description('Threatloom: collaborative, auditable threat modelling')
    .version(cliVersion)
    .exitOverride()
    .showHelpAfterError('(run threatloom --help for usage)')
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
    });
  // Subcommands copy exitOverride and the output settings when created, so register them last.
  registerScoreCommand(program, io);
  registerVerifyCommand(program, io);
  return program;
}

/** Runs the CLI with the arguments after the program name and returns the exit code. */
export async function run(args: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof ReportedFailure) return error.code;
    if (error instanceof UsageError) {
      io.stderr.write(`threatloom: ${error.message}\n`);
      return ExitCode.usage;
    }
    if (error instanceof UnavailableError) {
      io.stderr.write(`threatloom: ${error.message}\n`);
      return ExitCode.unavailable;
    }
    // Commander has already printed help, the version or its own usage message.
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    throw error;
  }
}
