import { describe, expect, it } from 'vitest';
import { CHAT_HINT, createDiagnoseCommand } from '../../src/cli/diagnose.ts';
import { createFakeEngine } from '../contract/fake-engine.ts';
import { memoryIo } from './memory-io.ts';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const BARE_KEY_CURL =
  'curl -H "Authorization: sk-test-FAKEFAKEFAKEFAKEFAKE" https://api.openai.com/v1/models';

function command() {
  const dirs: string[] = [];
  const run = createDiagnoseCommand({
    loadEngine: (dir) => {
      dirs.push(dir);
      return createFakeEngine();
    },
    now: () => NOW,
  });
  return { run, dirs };
}

describe('keydoctor diagnose (scripted engine)', () => {
  it('GIVEN the symptom as arguments THEN it prints the diagnosis as text', async () => {
    const io = memoryIo({ tty: true });
    const code = await command().run([BARE_KEY_CURL], io);
    expect(code).toBe(0);
    expect(io.out()).toMatch(/Authorization header lacks/);
    expect(io.out()).toMatch(/\n\s+1\. /);
  });

  it('GIVEN the symptom on stdin THEN it reads it from there', async () => {
    const io = memoryIo({ stdin: `${BARE_KEY_CURL}\n` });
    expect(await command().run([], io)).toBe(0);
    expect(io.out()).toMatch(/Authorization header lacks/);
  });

  it('GIVEN no symptom and a terminal on stdin THEN it prints usage and exits 2', async () => {
    const io = memoryIo({ tty: true });
    expect(await command().run([], io)).toBe(2);
    expect(io.err()).toMatch(/Usage: keydoctor diagnose/);
  });

  it('GIVEN --json THEN it prints the ranked causes with scores and the evidence', async () => {
    const io = memoryIo({ tty: true });
    await command().run(['--json', BARE_KEY_CURL], io);
    const json = JSON.parse(io.out());
    expect(json.outcome).toBe('matched');
    expect(json.ranked[0]).toEqual({
      causeId: 'missing-bearer-prefix',
      score: expect.any(Number),
      confidence: expect.any(Number),
      reasons: expect.any(Array),
    });
    expect(Object.keys(json.evidence).sort()).toEqual([
      'credentials',
      'errors',
      'providers',
      'signals',
      'truncated',
    ]);
  });

  it('GIVEN --markdown THEN it prints markdown with a heading and numbered steps', async () => {
    const io = memoryIo({ tty: true });
    await command().run(['--markdown', BARE_KEY_CURL], io);
    expect(io.out()).toMatch(/^## /);
    expect(io.out()).toMatch(/\n1\. /);
  });

  it('GIVEN --knowledge DIR THEN the engine is loaded from that folder, resolved from the cwd', async () => {
    const io = memoryIo({ tty: true });
    const { run, dirs } = command();
    await run(['--knowledge', 'my-kb', '401'], io);
    expect(dirs[0]).toBe(`${process.cwd()}/my-kb`);
  });

  it('GIVEN KNOWLEDGE_DIR in the environment THEN it is the default folder', async () => {
    const io = memoryIo({ tty: true, env: { KNOWLEDGE_DIR: '/srv/kb' } });
    const { run, dirs } = command();
    await run(['401'], io);
    expect(dirs[0]).toBe('/srv/kb');
  });

  it('GIVEN a diagnosis THEN no reply menu is printed, since there is no conversation to answer', async () => {
    const io = memoryIo({ tty: true });
    await command().run([BARE_KEY_CURL], io);
    expect(io.out()).not.toMatch(/Reply with a number/);
  });

  it('GIVEN a symptom that does not settle one cause THEN it points to the chat', async () => {
    const io = memoryIo({ tty: true });
    await command().run(['getting 401'], io);
    expect(io.out()).toContain(CHAT_HINT);
  });

  it('GIVEN a symptom that settles one cause THEN it does not point to the chat', async () => {
    const io = memoryIo({ tty: true });
    await command().run([BARE_KEY_CURL], io);
    expect(io.out()).not.toContain(CHAT_HINT);
  });

  it('GIVEN an unknown option THEN it prints usage and exits 2', async () => {
    const io = memoryIo({ tty: true });
    expect(await command().run(['--jsno', '401'], io)).toBe(2);
    expect(io.err()).toMatch(/unknown option --jsno/);
  });
});
