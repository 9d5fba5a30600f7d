/** Every subcommand answers --help, and the top-level help names every flag the subcommands take. */
import { describe, expect, it } from 'vitest';
import { USAGE } from '../../src/cli/help.ts';
import { COMMANDS, runCli } from '../../src/cli/run-cli.ts';
import { memoryIo } from './memory-io.ts';

const FLAG = /--[a-z][a-z0-9-]*/g;
/** A command with subcommands shows its flags under the subcommand's help. */
const HELP_ARGS: Record<string, string[]> = { kb: ['check', '--help'], discord: ['register', '--help'] };

const commands = Object.keys(COMMANDS).filter((name) => name !== 'help');

describe('the CLI help', () => {
  for (const name of commands) {
    it(`GIVEN ${name} --help THEN it prints its usage and exits 0`, async () => {
      const io = memoryIo();
      expect(await runCli([name, ...(HELP_ARGS[name] ?? ['--help'])], io)).toBe(0);
      expect(io.out()).toMatch(/^Usage: keydoctor /);
      expect(io.err()).toBe('');
    });

    it(`GIVEN the flags of ${name} THEN the top-level help lists each of them`, async () => {
      const io = memoryIo();
      await runCli([name, ...(HELP_ARGS[name] ?? ['--help'])], io);
      const flags = [...new Set(io.out().match(FLAG) ?? [])].filter((f) => f !== '--help');
      const missing = flags.filter((flag) => !USAGE.includes(flag));
      expect(missing).toEqual([]);
    });
  }

  it('GIVEN the top-level help THEN it names every command', () => {
    for (const name of commands) expect(USAGE).toContain(`keydoctor ${name}`);
  });
});
