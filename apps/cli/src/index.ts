export { createProgram, run, cliVersion } from './program.js';
export {
  ExitCode,
  type ExitCodeValue,
  UsageError,
  UnavailableError,
  ReportedFailure,
} from './exit-codes.js';
export type { CliIo, CliOutput } from './io.js';
export {
  formatScoreHuman,
  formatScoreLine,
  scoreToJson,
  vectorErrorToJson,
} from './score/format-score.js';
export { scoreLine, scoreLines } from './score/score-lines.js';
