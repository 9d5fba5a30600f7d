/**
 * Property: a secret pasted in any construct, however it is disguised (Unicode spaces, look-alike
 * letters, a line wrap, percent-encoding), never comes out of keydoctor. Seeded random cases go
 * through the service with the real engine, SQLite and the analytics tables, the HTTP API and a
 * trace-level logger; every channel is searched for any 8-character run of each secret.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReply } from '../../src/adapters/discord/render-reply.ts';
import { renderBlockKit } from '../../src/adapters/slack/render-blocks.ts';
import { createConversationService } from '../../src/conversation/conversation-service.ts';
import type { Outgoing } from '../../src/conversation/types.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import { createOpsServer } from '../../src/http/ops-server.ts';
import { createLogger } from '../../src/log/logger.ts';
import { renderMarkdown } from '../../src/render/markdown.ts';
import { renderText } from '../../src/render/text.ts';
import { SqliteFeedbackLog } from '../../src/analytics/feedback-log.ts';
import { SqliteStateStore } from '../../src/state/sqlite-state.ts';
import { realEngine } from '../contract/real-engine.ts';
import { seededRandom } from '../support/seeded-random.ts';

/** Cases per run: bounded so the test stays a few seconds on a shared machine. */
const RUNS = 160;
/** Another seed can be tried with LEAK_SEED=n; the default is fixed so CI runs are reproducible. */
const SEED = Number(process.env.LEAK_SEED ?? 0x5eed_10);
const RUN_LENGTH = 8;

type Rand = () => number;
const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const chars = (r: Rand, n: number, from = ALNUM) =>
  Array.from({ length: n }, () => pick(r, [...from])).join('');
/** Random with all three classes, as issued keys are. */
function randomBody(r: Rand, n: number, from = ALNUM): string {
  for (;;) {
    const s = chars(r, n, from);
    if (n < 3) return s;
    if (from !== ALNUM || (/[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s))) return s;
  }
}

interface Secret {
  /** the whole token as pasted */
  token: string;
  /** the part that must never come out (the token minus a public prefix) */
  secret: string;
}

const j = (...p: string[]) => p.join('');
const withPrefix = (prefix: string, body: string): Secret => ({ token: prefix + body, secret: body });

/** Token families (prefixes assembled at run time, bodies random). */
const FAMILIES: ((r: Rand) => Secret)[] = [
  (r) => withPrefix(j('sk', '-proj-'), randomBody(r, 20 + Math.floor(r() * 140))),
  (r) => withPrefix(j('sk', '-'), randomBody(r, 48)),
  (r) => withPrefix(j('sk', '-ant-api03-'), randomBody(r, 93)),
  (r) => withPrefix(j('gh', 'p_'), randomBody(r, 36)),
  (r) => withPrefix(j('github', '_pat_'), `${randomBody(r, 22)}_${randomBody(r, 59)}`),
  (r) => withPrefix(j('xo', 'xb-'), `${chars(r, 12, '0123456789')}-${randomBody(r, 24)}`),
  (r) => withPrefix(j('sk', '_live_'), randomBody(r, 24 + Math.floor(r() * 80))),
  (r) => withPrefix(j('AI', 'za'), randomBody(r, 35)),
  (r) => withPrefix(j('S', 'K'), chars(r, 32, HEX)),
  (r) => withPrefix(j('S', 'G.'), `${randomBody(r, 22)}.${randomBody(r, 43)}`),
  (r) => withPrefix(j('h', 'f_'), randomBody(r, 34)),
  (r) => withPrefix(j('gl', 'pat-'), randomBody(r, 20)),
  (r) => withPrefix(j('np', 'm_'), randomBody(r, 36)),
  (r) => {
    const id = Buffer.from(String(100000000000000000n + BigInt(Math.floor(r() * 1e12)))).toString(
      'base64url',
    );
    return withPrefix(`${id}.`, `${randomBody(r, 6)}.${randomBody(r, 38)}`);
  },
  (r) => {
    const head = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const body = Buffer.from(`{"sub":"${chars(r, 10)}","exp":${4_000_000_000}}`).toString('base64url');
    const signature = randomBody(r, 43);
    return { token: `${head}.${body}.${signature}`, secret: `${body}.${signature}` };
  },
  (r) => {
    const s = randomBody(r, 40, `${ALNUM}/+`);
    return { token: s, secret: s };
  },
  // opaque values of any length: they are secrets only by where they sit
  (r) => {
    const s = randomBody(r, 10 + Math.floor(r() * 60));
    return { token: s, secret: s };
  },
];

/** Constructs where a credential sits; `bare` ones need a recognisable token shape. */
const CONSTRUCTS: { make: (t: string, r: Rand) => string; opaqueOk: boolean }[] = [
  { make: (t, r) => `Authorization: Bearer${pick(r, SPACES)}${t}`, opaqueOk: true },
  { make: (t) => `curl -H "Authorization: Basic ${t}" https://api.example.test`, opaqueOk: true },
  { make: (t, r) => `Authorization: Token${pick(r, SPACES)}${t}`, opaqueOk: true },
  { make: (t) => `Authorization: Bot ${t}`, opaqueOk: true },
  { make: (t) => `curl -u admin:${t} https://api.example.test/v1`, opaqueOk: true },
  { make: (t) => `requests.get(url, auth=("me", "${t}"))`, opaqueOk: true },
  { make: (t) => `DB_PASSWORD=${t}`, opaqueOk: true },
  { make: (t) => `config = {"api_key": "${t}", "retries": 3}`, opaqueOk: true },
  { make: (t) => `secret = '${t}'`, opaqueOk: true },
  { make: (t) => `Cookie: session=${t}; theme=dark`, opaqueOk: true },
  { make: (t) => `AccountName=acct;AccountKey=${t};EndpointSuffix=core.windows.net`, opaqueOk: true },
  { make: (t) => `postgres://app:${t}@db.example.test:5432/app`, opaqueOk: true },
  { make: (t) => `GET /v1/things?token=${t}&page=2`, opaqueOk: true },
  { make: (t) => `curl -d "api_key=${t}&format=json" https://api.example.test/v1/report`, opaqueOk: true },
  { make: (t) => `GET /message?token=<${t}> HTTP/1.1`, opaqueOk: true },
  { make: (t) => `here is my key ${t} and it fails`, opaqueOk: false },
  { make: (t) => `export OPENAI_API_KEY="${t}"`, opaqueOk: true },
  // shapes an adversarial audit found leaking on 2026-12-02
  { make: (t) => `I send Authorization: Bearer \`${t}\` and get 401`, opaqueOk: true },
  { make: (t) => `headers["x-api-key"] = "${t}"`, opaqueOk: true },
  { make: (t) => `req.setHeader('x-api-key', '${t}')`, opaqueOk: true },
  { make: (t) => `env:\n  - name: API_KEY\n    value: "${t}"`, opaqueOk: true },
  { make: (t) => `docker login -u me -p ${t} registry.example.test`, opaqueOk: true },
  { make: (t) => `const apiKey: string = "${t}";`, opaqueOk: true },
  { make: (t) => `my token is ${t} and it fails`, opaqueOk: false },
];

const SPACES = [' ', '\u00A0', '\u2003', '\u3000', '\u202F', ' \u200B'];
const LOOK_ALIKE: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', s: 'ѕ', x: 'х', i: 'і' };
const SYMPTOMS = [
  '401 Unauthorized from the API, here is my request:',
  'I get 403 Forbidden. My code:',
  'invalid_api_key error when I call it',
  'it worked yesterday, now "Incorrect API key provided":',
];

/** One disguise applied to the token as pasted: the secret must still be found. */
function disguise(token: string, r: Rand): string {
  switch (Math.floor(r() * 5)) {
    case 0: {
      const at = [...token].findIndex((c) => c in LOOK_ALIKE);
      return at < 0 ? token : token.slice(0, at) + (LOOK_ALIKE[token[at] ?? ''] ?? '') + token.slice(at + 1);
    }
    case 1: {
      if (token.length < 24) return token;
      const cut = 10 + Math.floor(r() * (token.length - 20));
      return `${token.slice(0, cut)}\n${pick(r, ['', '  ', '\t'])}${token.slice(cut)}`;
    }
    case 2: {
      const at = 1 + Math.floor(r() * (token.length - 2));
      const code = token.charCodeAt(at).toString(16).toUpperCase().padStart(2, '0');
      return `${token.slice(0, at)}%${code}${token.slice(at + 1)}`;
    }
    case 3: {
      const at = 1 + Math.floor(r() * (token.length - 2));
      return `${token.slice(0, at)}${pick(r, ['\u200B', '\u200D', '\u2060', '\u200E'])}${token.slice(at)}`;
    }
    default:
      return token;
  }
}

/** The cases whose secret has an 8-character run in `text`, found in one pass over the text. */
function leakedCases(text: string, secrets: readonly string[]): Map<number, string> {
  const runs = new Map<string, number>();
  secrets.forEach((secret, i) => {
    for (let k = 0; k + RUN_LENGTH <= secret.length; k++) runs.set(secret.slice(k, k + RUN_LENGTH), i);
  });
  const found = new Map<number, string>();
  for (let k = 0; k + RUN_LENGTH <= text.length; k++) {
    const i = runs.get(text.slice(k, k + RUN_LENGTH));
    if (i !== undefined && !found.has(i)) found.set(i, text.slice(Math.max(0, k - 40), k + 40));
  }
  return found;
}

function renderAll(out: Outgoing): string {
  return [
    renderText(out.reply),
    renderMarkdown(out.reply),
    JSON.stringify(renderBlockKit(out.reply)),
    JSON.stringify(renderReply(out.reply)),
    JSON.stringify(out.credentials),
    JSON.stringify(out.handoff ?? null),
  ].join('\n');
}

describe('no secret comes out of any channel', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kd-leak-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`GIVEN ${RUNS} random secrets in random constructs and disguises THEN no 8-character run of any appears in replies, API JSON, trace logs, SQLite (with its -wal) or analytics`, async () => {
    const r = seededRandom(SEED);
    const file = path.join(dir, 'keydoctor.sqlite');
    const store = new SqliteStateStore({ file, sweepIntervalMs: 0 });
    const feedback = new SqliteFeedbackLog({ file });
    const logLines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger({ level: 'trace', destination: sink });
    const engine = realEngine();
    const service = createConversationService({
      engine: () => engine,
      store,
      ttlMs: 3_600_000,
      feedback,
      logger,
      maxMessageChars: 600,
      metrics: createMetrics(),
    });
    const ops = createOpsServer({
      host: '127.0.0.1',
      port: 0,
      registry: createMetrics().registry,
      readiness: () => ({ knowledge: { loaded: true, causes: 1 }, adapters: [] }),
      engine: () => engine,
    });
    const { port } = await ops.start();

    const secrets: string[] = [];
    const pastes: string[] = [];
    const outputs: string[] = [];
    try {
      for (let n = 0; n < RUNS; n++) {
        const family = pick(r, FAMILIES)(r);
        const opaque = family.token === family.secret && !/^[A-Za-z0-9/+]{40}$/.test(family.token);
        const construct = pick(
          r,
          CONSTRUCTS.filter((c) => c.opaqueOk || !opaque),
        );
        const pasted = construct.make(disguise(family.token, r), r);
        const filler = r() < 0.2 ? `\n${'trace line at module.fn (file.js:1:1)\n'.repeat(14)}` : '';
        const text = `${pick(r, SYMPTOMS)}\n${pasted}${filler}`;
        secrets.push(family.secret);
        pastes.push(text);

        const key = { platform: 'slack' as const, workspace: 'T1', channel: `C${n}`, thread: `${n}.0` };
        const say = (input: Parameters<typeof service.handle>[0]['input']) =>
          service.handle({ key, user: { id: `U${n}` }, input });
        logger.trace({ text }, 'incoming message');
        const first = await say({ type: 'message', text });
        outputs.push(renderAll(first));
        const broken = first.reply.choices.find((c) => c.id === 'feedback:broken');
        if (broken) outputs.push(renderAll(await say({ type: 'choice', choiceId: broken.id })));
        outputs.push(renderAll(await say({ type: 'choice', choiceId: 'handoff' })));

        const api = await fetch(`http://127.0.0.1:${port}/v1/diagnose`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
        });
        outputs.push(await api.text());
      }
      await service.drain();
      outputs.push(logLines.join(''));
      outputs.push(JSON.stringify(feedback.stats()));
      // The raw bytes of the database and its write-ahead log, before a close checkpoints it.
      for (const f of [file, `${file}-wal`]) {
        if (existsSync(f)) outputs.push(readFileSync(f).toString('latin1'));
      }
      expect(existsSync(`${file}-wal`)).toBe(true);
    } finally {
      await ops.close();
      await store.close();
      await feedback.close();
    }

    const found = [...leakedCases(outputs.join('\n'), secrets)].map(
      ([i, where]) => `case ${i}: ${JSON.stringify(pastes[i])} came out as ${JSON.stringify(where)}`,
    );
    expect(found).toEqual([]);
    expect(logLines.filter((l) => l.includes('incoming message'))).toHaveLength(RUNS);
  }, 120_000);
});
