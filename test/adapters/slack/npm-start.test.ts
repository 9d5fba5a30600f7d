/**
 * `npm start` (src/main.ts through tsx) as a real HTTP-mode Slack bot against the fake Slack on
 * loopback: only environment variables, as an operator would configure it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack/fake-slack-api.ts';
import { eventEnvelope, mentionEvent } from '../../fakes/slack/fixtures.ts';
import { postEvent } from '../../fakes/slack/signed-requests.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../../fakes/slack/slack-test-bed.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MAIN = path.join(ROOT, 'src', 'main.ts');
const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
/** Generous: under a full parallel test run, tsx and the knowledge load can take a while (not a speed check). */
const START_WAIT_MS = 60_000;
const ANSWER_WAIT_MS = 30_000;
const PROCESS_TEST_TIMEOUT_MS = 120_000;

let child: ChildProcess | undefined;
let fake: FakeSlack | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  child = undefined;
  fake = undefined;
  dir = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Bot {
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the bot process in HTTP mode against the fake; resolves once it answers Slack's URL check. */
async function startBot(extraEnv: Record<string, string> = {}): Promise<Bot> {
  fake = await startFakeSlack();
  const port = await freePort();
  dir = mkdtempSync(path.join(tmpdir(), 'kd-slack-'));
  const proc = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      DATA_DIR: path.join(dir, 'data'),
      OPS_PORT: 'off',
      LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_PORT: String(port),
      SLACK_API_URL: fake.apiUrl,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let output = '';
  proc.stdout?.on('data', (c) => {
    output += String(c);
  });
  proc.stderr?.on('data', (c) => {
    output += String(c);
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}/slack/events`;
  const challenge = { type: 'url_verification', token: 'fake', challenge: 'kd-ready' };
  await expect
    .poll(async () => (await postEvent(url, SIGNING_SECRET, challenge).catch(() => ({ body: '' }))).body, {
      timeout: START_WAIT_MS,
      interval: 100,
    })
    .toContain('kd-ready');
  return { url, output: () => output, exited };
}

const answered = () =>
  fake!.waitFor((c) => c.method === 'chat.postMessage' && c.outcome === 'ok', 'the answer', ANSWER_WAIT_MS);

describe('npm start with Slack variables', () => {
  it(
    'GIVEN SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_PORT and SLACK_API_URL THEN the bot answers a mention through that API',
    async () => {
      const bot = await startBot();
      const event = mentionEvent('getting 401 Incorrect API key provided from OpenAI');
      expect((await postEvent(bot.url, SIGNING_SECRET, eventEnvelope(event))).status).toBe(200);
      const posted = await answered();
      expect(posted.body.thread_ts).toBe(event.ts);
      expect(fake!.calls[0]?.method).toBe('auth.test');
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'GIVEN debug logging THEN a key pasted in Slack never appears in the logs',
    async () => {
      const bot = await startBot({ LOG_LEVEL: 'debug' });
      const key = `${'sk-'}${'proj-'}Q7mZ${'a1B2'.repeat(10)}`;
      await postEvent(bot.url, SIGNING_SECRET, eventEnvelope(mentionEvent(`my key ${key} returns 401`)));
      await answered();
      expect(bot.output().length).toBeGreaterThan(0);
      expect(bot.output()).not.toContain(key);
      expect(bot.output()).not.toContain(key.slice(10, -4));
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    'GIVEN SIGTERM THEN the Slack bot stops and exits cleanly',
    async () => {
      const bot = await startBot();
      child?.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
