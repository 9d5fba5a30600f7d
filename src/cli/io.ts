/** What a CLI subcommand may touch: injected so tests drive commands without a real terminal. */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** current working directory, for resolving relative paths */
  cwd: string;
}

/** A subcommand: parses its own arguments, returns the process exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
