/**
 * `npm start` with DISCORD_TOKEN, DISCORD_APPLICATION_ID and DISCORD_API_URL set runs the real bot
 * against whatever Discord-compatible API the URL names: here the loopback fake.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { IDS } from '../../fakes/discord/fixtures.ts';

/** Starting tsx and loading the knowledge base takes a few seconds on a slow machine. */
const START_WAIT_MS = 15_000;

describe('npm start with Discord configured', () => {
  let fake: FakeDiscord;
  let child: ChildProcess | undefined;
  let dataDir: string;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('GIVEN DISCORD_API_URL pointing at a fake THEN the bot connects there and answers a mention in a thread', async () => {
    fake = await new FakeDiscord().start();
    dataDir = mkdtempSync(path.join(tmpdir(), 'keydoctor-discord-'));
    child = spawn(path.resolve('node_modules/.bin/tsx'), ['src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: FAKE_TOKEN,
        DISCORD_APPLICATION_ID: IDS.application,
        DISCORD_API_URL: fake.apiUrl,
        DATA_DIR: dataDir,
        OPS_PORT: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    await fake.waitFor(() => fake.gatewayFrames.some((f) => JSON.parse(f).op === 2), START_WAIT_MS);
    // READY and GUILD_CREATE went out in answer to IDENTIFY, so this mention follows them on the socket
    const mention = fake.userSays('getting 401 from the API', { mention: true });
    await fake.waitFor(() => fake.snapshots.length > 0, START_WAIT_MS);
    expect(fake.channels.has(mention.id)).toBe(true);
    expect(fake.snapshots[0]!.channelId).toBe(mention.id);
    expect(fake.snapshots[0]!.message.content.length).toBeGreaterThan(0);
  });
});
