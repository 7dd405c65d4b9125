import { type Command } from 'commander';
import { tryScoreCvss } from '@threatloom/scoring';
import { ExitCode, ReportedFailure, UsageError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { formatScoreHuman, scoreToJson, vectorErrorToJson } from './format-score.js';
import { scoreLines } from './score-lines.js';

interface ScoreOptions {
  json?: boolean;
  stdin?: boolean;
  strict?: boolean;
}

/** Adds `threatloom score`: score one CVSS vector, or one per line from stdin. */
export function registerScoreCommand(program: Command, io: CliIo): void {
  program
    .command('score')
    .description(
      'score a CVSS 3.0, 3.1 or 4.0 vector: base, temporal/threat and environmental scores with severity',
    )
    .argument('[vector]', 'the vector, e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')
    .option('--json', 'print JSON: one object, or one object per line with --stdin')
    .option('--stdin', 'read one vector per line from standard input')
    .option('--strict', 'with --stdin, exit 2 if any line was not a valid vector')
    .action(async (vector: string | undefined, options: ScoreOptions) => {
      if (options.stdin === true) {
        if (vector !== undefined) throw new UsageError('give either a VECTOR or --stdin, not both');
        const summary = await scoreLines(
          io.stdin,
          io.stdout,
          options.json === true ? 'json' : 'text',
        );
        if (options.strict === true && summary.failed > 0) {
          io.stderr.write(
            `threatloom score: ${summary.failed} of ${summary.lines} lines were not valid vectors\n`,
          );
          throw new ReportedFailure(ExitCode.usage);
        }
        return;
      }
      if (options.strict === true) throw new UsageError('--strict applies only with --stdin');
      if (vector === undefined) throw new UsageError('missing VECTOR (or use --stdin)');
      scoreOne(vector, options.json === true, io);
    });
}

function scoreOne(vector: string, asJson: boolean, io: CliIo): void {
  const result = tryScoreCvss(vector);
  if (result.ok) {
    io.stdout.write(
      asJson ? `${JSON.stringify(scoreToJson(result.score))}\n` : formatScoreHuman(result.score),
    );
    return;
  }
  if (asJson) io.stdout.write(`${JSON.stringify(vectorErrorToJson(result.error, vector))}\n`);
  else io.stderr.write(`threatloom score: invalid vector: ${result.error.message}\n`);
  throw new ReportedFailure(ExitCode.usage);
}
