import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/cli/discord.ts';
import type { CliIo } from '../../../src/cli/io.ts';
import { FAKE_TOKEN, FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { IDS } from '../../fakes/discord/fixtures.ts';

function io(env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    stdin: new PassThrough(),
    env,
    cwd: process.cwd(),
  };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

describe('keydoctor discord register', () => {
  let fake: FakeDiscord;
  let env: Record<string, string>;
  beforeEach(async () => {
    fake = await new FakeDiscord().start();
    env = {
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: fake.apiUrl,
    };
  });
  afterEach(async () => {
    await fake.close();
  });

  it('GIVEN --guild THEN both commands are PUT to that guild and listed', async () => {
    const t = io(env);
    expect(await run(['register', '--guild', IDS.guild], t.io)).toBe(0);
    const [put] = fake.callsTo(
      'PUT',
      new RegExp(`^/applications/${IDS.application}/guilds/${IDS.guild}/commands$`),
    );
    const names = (put!.body as { name: string }[]).map((c) => c.name);
    expect(names).toEqual(['diagnose', 'Diagnose this message']);
    expect(t.out()).toContain('Diagnose this message');
  });

  it('GIVEN no --guild THEN the commands are registered globally', async () => {
    const t = io(env);
    expect(await run(['register'], t.io)).toBe(0);
    expect(fake.callsTo('PUT', new RegExp(`^/applications/${IDS.application}/commands$`))).toHaveLength(1);
    expect(t.out()).toMatch(/global/);
  });

  it('GIVEN the /diagnose definition THEN symptom is required and status, provider and where offer choices', async () => {
    await run(['register'], io(env).io);
    const [put] = fake.callsTo('PUT', /\/commands$/);
    const diagnose = (
      put!.body as {
        name: string;
        options: { name: string; required?: boolean; choices?: { value: string }[] }[];
      }[]
    )[0]!;
    expect(diagnose.options.map((o) => [o.name, o.required ?? false])).toEqual([
      ['symptom', true],
      ['status', false],
      ['provider', false],
      ['where', false],
    ]);
    expect(diagnose.options[1]!.choices!.map((c) => c.value)).toEqual(['401', '403', '429', 'other']);
    expect(diagnose.options[3]!.choices!.map((c) => c.value)).toEqual([
      'local',
      'docker',
      'ci',
      'serverless',
      'browser',
      'server',
    ]);
  });

  it('GIVEN no DISCORD_TOKEN THEN it says which variable is missing and exits 2 without calling Discord', async () => {
    const t = io({ DISCORD_APPLICATION_ID: IDS.application, DISCORD_API_URL: fake.apiUrl });
    expect(await run(['register'], t.io)).toBe(2);
    expect(t.err()).toContain('DISCORD_TOKEN is not set');
    expect(fake.calls).toHaveLength(0);
  });

  it('GIVEN no DISCORD_APPLICATION_ID THEN it says so and exits 2', async () => {
    const t = io({ DISCORD_TOKEN: FAKE_TOKEN });
    expect(await run(['register'], t.io)).toBe(2);
    expect(t.err()).toContain('DISCORD_APPLICATION_ID is not set');
  });

  it('GIVEN a wrong token THEN Discord refuses and the message says what to do', async () => {
    const t = io({ ...env, DISCORD_TOKEN: 'not-the-token' });
    expect(await run(['register', '--guild', IDS.guild], t.io)).toBe(1);
    expect(t.err()).toContain('refused DISCORD_TOKEN');
    expect(t.err()).not.toContain('not-the-token');
  });

  it('GIVEN a malformed --guild THEN it is a usage error', async () => {
    const t = io(env);
    expect(await run(['register', '--guild', 'abc'], t.io)).toBe(2);
    expect(t.err()).toContain('--guild must be a server id');
  });
});
