// Entry point of the `threatloom` bin: wires the real process streams to run().
import { run } from './program.js';

process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
