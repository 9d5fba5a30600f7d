/**
 * The real bot process (src/main.ts through tsx) in console mode: start-up refusals, /healthz over
 * HTTP, a conversation with the shipped knowledge base, SIGHUP reload and SIGTERM shutdown.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';

// Spawned processes start slowly on a busy machine; these bounds only catch a hang.
const PROCESS_TEST_TIMEOUT_MS = 120_000;
const WAIT = { timeout: 90_000 };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(ROOT, 'src', 'main.ts');
// The bot runs in a temporary folder (so no developer .env is picked up), where 'tsx' would not resolve.
const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

interface Bot {
  child: ChildProcess;
  dir: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const bots: Bot[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const bot of bots.splice(0)) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-main-'));
  dirs.push(dir);
  return dir;
}

function startBot(env: Record<string, string>, dir = tempDir(), stdin: 'pipe' | 'ignore' = 'pipe'): Bot {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
    cwd: dir,
    // Only what the test sets: a developer's own SLACK_/DISCORD_ variables must not leak in.
    env: { PATH: process.env.PATH ?? '', HOME: dir, DATA_DIR: path.join(dir, 'data'), ...env },
    stdio: [stdin, 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c) => (out += String(c)));
  child.stderr!.on('data', (c) => (err += String(c)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const bot = { child, dir, stdout: () => out, stderr: () => err, exited };
  bots.push(bot);
  return bot;
}

function logLines(bot: Bot): { msg: string; port?: number; level: number }[] {
  const file = path.join(bot.dir, 'data', 'keydoctor.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((l) => {
      // The bot may be mid-way through writing the last line.
      try {
        return [JSON.parse(l)];
      } catch {
        return [];
      }
    });
}

async function opsPort(bot: Bot): Promise<number> {
  await expect.poll(() => logLines(bot).some((l) => l.msg === 'keydoctor started'), WAIT).toBe(true);
  return logLines(bot).find((l) => l.msg === 'ops server listening')!.port!;
}

function knowledgeCopy(): string {
  const dir = path.join(tempDir(), 'knowledge');
  cpSync(DEFAULT_KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}

const CONSOLE = { OPS_PORT: '0', OPS_HOST: '127.0.0.1' };

describe('the keydoctor process', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('refuses to start on a malformed variable, naming it, with exit code 1 and no stack trace', async () => {
    const bot = startBot({ OPS_PORT: 'abc' });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toContain('OPS_PORT: expected an integer 0-65535');
    expect(bot.stderr()).not.toMatch(/\n\s+at /);
  });

  it('reads a .env file in its working directory', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.env'), 'MAX_MESSAGE_CHARS=lots\n');
    const bot = startBot({}, dir);
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toContain('MAX_MESSAGE_CHARS: expected an integer 100-100000, got "lots"');
  });

  it('refuses to start on an invalid knowledge base with the kb check message', async () => {
    const knowledge = knowledgeCopy();
    writeFileSync(path.join(knowledge, 'tree.yaml'), 'root: [unclosed\n');
    const bot = startBot({ KNOWLEDGE_DIR: knowledge });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toContain('refusing to start');
    expect(bot.stderr()).toMatch(/tree\.yaml:\d+/);
    expect(bot.stderr()).not.toMatch(/\n\s+at /);
  });

  it('explains in one line, without a stack, when the data directory cannot be created', async () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'not-a-dir');
    writeFileSync(blocker, '');
    const bot = startBot({ DATA_DIR: path.join(blocker, 'data') }, dir);
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toMatch(/^keydoctor: failed to start: .*not-a-dir/m);
    expect(bot.stderr()).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with what to configure when no platform is set and stdin is /dev/null (docker run -d)', async () => {
    const bot = startBot(CONSOLE, tempDir(), 'ignore');
    expect(await bot.exited).toBe(2);
    expect(bot.stderr()).toContain('no platform is configured and no terminal is attached');
    expect(bot.stderr()).toContain('SLACK_BOT_TOKEN');
    expect(bot.stdout()).not.toContain('Bye');
  });

  it('reports healthy over HTTP once the console adapter is running', async () => {
    const bot = startBot(CONSOLE);
    const port = await opsPort(bot);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', adapters: { console: 'ready' } });
  });

  it('answers in the terminal, records the diagnosis, and shuts down cleanly on SIGTERM', async () => {
    const bot = startBot(CONSOLE);
    await opsPort(bot);
    bot.child.stdin!.write('curl says 401 and my header is Authorization: Bearer undefined\n');
    await expect.poll(() => logLines(bot).length > 0 && bot.stdout().split('> ').length > 2, WAIT).toBe(true);
    // "not sure" to each follow-up question (at most three), after which a diagnosis comes
    for (let turn = 0; turn < 3; turn++) {
      const prompts = bot.stdout().split('> ').length;
      bot.child.stdin!.write('not sure\n');
      await expect.poll(() => bot.stdout().split('> ').length > prompts, WAIT).toBe(true);
    }
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(logLines(bot).map((l) => l.msg)).toContain('shutdown complete');
    const db = new Database(path.join(bot.dir, 'data', 'keydoctor.sqlite'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 1 });
    expect((db.prepare('SELECT COUNT(*) AS n FROM diagnoses').get() as { n: number }).n).toBeGreaterThan(0);
    db.close();
  });

  it('refuses a broken edit on SIGHUP and keeps answering with the last good knowledge base', async () => {
    const knowledge = knowledgeCopy();
    const bot = startBot({ ...CONSOLE, KNOWLEDGE_DIR: knowledge });
    const port = await opsPort(bot);
    writeFileSync(path.join(knowledge, 'tree.yaml'), 'root: [unclosed\n');
    bot.child.kill('SIGHUP');
    await expect
      .poll(() => logLines(bot).some((l) => l.msg.startsWith('knowledge reload refused')), {
        ...WAIT,
      })
      .toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('keydoctor_knowledge_reloads_total{result="refused"} 1');
    bot.child.stdin!.write('401 Unauthorized: Authorization: Bearer undefined\n');
    await expect.poll(() => bot.stdout().split('> ').length > 2, WAIT).toBe(true);
    expect(bot.stdout()).not.toContain('Something went wrong');
  });
  it('reloads on a file change with KNOWLEDGE_WATCH=true, and refuses a broken one', async () => {
    const knowledge = knowledgeCopy();
    const bot = startBot({ ...CONSOLE, KNOWLEDGE_DIR: knowledge, KNOWLEDGE_WATCH: 'true' });
    await opsPort(bot);
    const tree = path.join(knowledge, 'tree.yaml');
    writeFileSync(tree, `${readFileSync(tree, 'utf8')}\n# an operator's comment\n`);
    await expect.poll(() => logLines(bot).some((l) => l.msg === 'knowledge base reloaded'), WAIT).toBe(true);
    writeFileSync(tree, 'root: [unclosed\n');
    await expect
      .poll(() => logLines(bot).some((l) => l.msg.startsWith('knowledge reload refused')), {
        ...WAIT,
      })
      .toBe(true);
  });
});
