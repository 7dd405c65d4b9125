/** Raw figures from the calculator, before our null-when-absent conventions. */
export interface CalculatedScores {
  readonly base: number;
  readonly temporal: number | undefined;
  readonly threat: number | undefined;
  readonly environmental: number | undefined;
}
