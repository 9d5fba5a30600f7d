import { describe, expect, it } from 'vitest';
import { reportFailure, runCli } from '../../src/cli/run-cli.ts';
import { memoryIo } from './memory-io.ts';

describe('keydoctor command dispatch', () => {
  it('GIVEN an unknown command THEN it prints usage and exits 2', async () => {
    const io = memoryIo();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.err()).toMatch(/unknown command "frobnicate"/);
    expect(io.err()).toMatch(/Usage:/);
  });

  it('GIVEN no command THEN it prints usage and exits 2', async () => {
    const io = memoryIo();
    expect(await runCli([], io)).toBe(2);
    expect(io.stdout).toBeDefined();
    expect(io.out()).toMatch(/Usage:/);
  });

  it.each([['help'], ['--help'], ['-h']])(
    'GIVEN %s THEN it prints usage listing every command and exits 0',
    async (arg) => {
      const io = memoryIo();
      expect(await runCli([arg], io)).toBe(0);
      for (const command of ['chat', 'diagnose', 'eval', 'kb check', 'stats', 'discord']) {
        expect(io.out()).toContain(`keydoctor ${command}`);
      }
    },
  );

  it('GIVEN --version THEN it prints the package version', async () => {
    const io = memoryIo();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.out()).toMatch(/^keydoctor \d+\.\d+\.\d+\n$/);
  });

  it('GIVEN a property name of Object as command THEN it is unknown, not a crash', async () => {
    const io = memoryIo();
    expect(await runCli(['constructor'], io)).toBe(2);
  });
});

describe('keydoctor failure reporting', () => {
  it('GIVEN a knowledge error THEN only its message is printed', () => {
    const io = memoryIo();
    const error = Object.assign(new Error('knowledge/causes/x.yaml:3: steps: required'), {
      code: 'KNOWLEDGE_INVALID',
    });
    expect(reportFailure(error, io)).toBe(1);
    expect(io.err()).toBe('knowledge/causes/x.yaml:3: steps: required\n');
  });

  it('GIVEN an unexpected error THEN one line is printed without the stack', () => {
    const io = memoryIo();
    expect(reportFailure(new Error('boom\nsecond line'), io)).toBe(1);
    expect(io.err()).toMatch(/^keydoctor: unexpected error: boom\n/);
    expect(io.err()).not.toMatch(/^\s+at /m);
  });

  it('GIVEN KEYDOCTOR_DEBUG=1 THEN the stack is printed too', () => {
    const io = memoryIo({ env: { KEYDOCTOR_DEBUG: '1' } });
    reportFailure(new Error('boom'), io);
    expect(io.err()).toMatch(/^\s+at /m);
  });
});
