/**
 * The `keydoctor` command line (bin/keydoctor.js runs this). Builds the CLI's I/O from the process,
 * runs one command and sets the exit code.
 */
import type { CliIo } from './cli/io.ts';
import { reportFailure, runCli } from './cli/run-cli.ts';

const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
};

try {
  process.exitCode = await runCli(process.argv.slice(2), io);
} catch (error) {
  process.exitCode = reportFailure(error, io);
}
