import { appendFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { run } from '../../src/cli/kb.ts';
import { validFixture } from './fixtures.ts';
import { emptyTempDir, writeFixtureDir } from './temp-dir.ts';

type FakeIo = CliIo & { out: () => string; err: () => string };

function fakeIo(overrides: Partial<Pick<CliIo, 'env' | 'cwd'>> = {}): FakeIo {
  let out = '';
  let err = '';
  return {
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    stdin: Readable.from([]),
    env: {},
    cwd: process.cwd(),
    ...overrides,
    out: () => out,
    err: () => err,
  };
}

function brokenDir(): string {
  const kb = validFixture();
  kb.tree.questions[1]!.answers[0]!.next = ['missing-bearer-prefix', 'no-such-cause'];
  return writeFixtureDir(kb);
}

describe('keydoctor kb check', () => {
  it('prints the counts and exits 0 for a valid folder', async () => {
    const dir = writeFixtureDir(validFixture());
    const io = fakeIo();
    expect(await run(['check', dir], io)).toBe(0);
    expect(io.out()).toBe(`knowledge OK: 3 causes, 2 questions, 2 catalogue entries, 2 providers (${dir})\n`);
    expect(io.err()).toBe('');
  });

  it('prints every issue with file, line and field to stderr and exits 1 for a broken folder', async () => {
    const dir = brokenDir();
    const io = fakeIo();
    expect(await run(['check', dir], io)).toBe(1);
    expect(io.err()).toContain('knowledge invalid: 1 issue in');
    expect(io.err()).toMatch(
      /tree\.yaml:\d+:\d+ questions\[1\]\.answers\[0\]\.next\[1\]: unknown target "no-such-cause"/,
    );
    expect(io.out()).toBe('');
  });

  it('resolves a relative folder against the working directory and shows paths relative to it', async () => {
    const dir = brokenDir();
    const io = fakeIo({ cwd: path.dirname(dir) });
    expect(await run(['check', path.basename(dir)], io)).toBe(1);
    expect(io.err()).toContain(`\n${path.join(path.basename(dir), 'tree.yaml')}:`);
  });

  it('checks KNOWLEDGE_DIR when no folder is given', async () => {
    const dir = writeFixtureDir(validFixture());
    const io = fakeIo({ env: { KNOWLEDGE_DIR: dir } });
    expect(await run(['check'], io)).toBe(0);
    expect(io.out()).toContain(`(${dir})`);
  });

  it('exits 1 with a clear message for a folder that does not exist', async () => {
    const missing = path.join(emptyTempDir(), 'missing');
    const io = fakeIo();
    expect(await run(['check', missing], io)).toBe(1);
    expect(io.err()).toContain(`${missing}: knowledge folder not found`);
  });

  it('exits 2 with usage when given two folders', async () => {
    const io = fakeIo();
    expect(await run(['check', 'a', 'b'], io)).toBe(2);
    expect(io.err()).toContain('Usage: keydoctor kb check [dir]');
  });
});

describe('keydoctor kb', () => {
  it('prints usage and exits 0 without a subcommand', async () => {
    const io = fakeIo();
    expect(await run([], io)).toBe(0);
    expect(io.out()).toContain('Usage: keydoctor kb check [dir]');
  });

  it('prints usage and exits 0 with --help', async () => {
    const io = fakeIo();
    expect(await run(['--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: keydoctor kb check [dir]');
  });

  it('exits 2 and names an unknown subcommand', async () => {
    const io = fakeIo();
    expect(await run(['lint'], io)).toBe(2);
    expect(io.err()).toContain('unknown subcommand "lint"');
  });
});

describe('keydoctor kb snapshot', () => {
  it('writes model/parsed-yaml.json for a valid folder and exits 0', async () => {
    const dir = writeFixtureDir(validFixture());
    const io = fakeIo();
    expect(await run(['snapshot', dir], io)).toBe(0);
    expect(io.out()).toContain(`wrote ${path.join(dir, 'model', 'parsed-yaml.json')} (`);
    expect(existsSync(path.join(dir, 'model', 'parsed-yaml.json'))).toBe(true);
    expect(readdirSync(path.join(dir, 'model'))).toEqual(['parsed-yaml.json']);
    expect(await run(['check', dir], fakeIo())).toBe(0);
  });

  it('lets kb check say when YAML files are newer than the snapshot', async () => {
    const dir = writeFixtureDir(validFixture());
    await run(['snapshot', dir], fakeIo());
    const current = fakeIo();
    expect(await run(['check', dir], current)).toBe(0);
    expect(current.out()).toContain('its YAML parsed in model/parsed-yaml.json');
    appendFileSync(path.join(dir, 'tree.yaml'), '# edited after the snapshot\n');
    const stale = fakeIo();
    expect(await run(['check', dir], stale)).toBe(0);
    expect(stale.out()).toMatch(/1 of \d+ YAML files newer than model\/parsed-yaml\.json \(parsed at start-up/);
  });

  it('writes nothing for a broken folder: its issues are reported as by check, exit 1', async () => {
    const dir = brokenDir();
    const io = fakeIo();
    expect(await run(['snapshot', dir], io)).toBe(1);
    expect(io.err()).toContain('unknown target "no-such-cause"');
    expect(existsSync(path.join(dir, 'model', 'parsed-yaml.json'))).toBe(false);
  });
});
