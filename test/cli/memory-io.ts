/** A CliIo on strings: what a command printed, with stdin from a string or a TTY. */
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io.ts';

export interface MemoryIo extends CliIo {
  out(): string;
  err(): string;
}

export function memoryIo(
  options: { stdin?: string; tty?: boolean; env?: Record<string, string>; cwd?: string } = {},
): MemoryIo {
  let out = '';
  let err = '';
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (options.tty) stdin.isTTY = true;
  if (options.stdin !== undefined) stdin.end(options.stdin);
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
