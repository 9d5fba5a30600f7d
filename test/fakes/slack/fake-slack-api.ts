/**
 * A fake Slack Web API on 127.0.0.1 that Bolt reaches through `clientOptions.slackApiUrl`. It answers
 * the methods keydoctor calls, refuses messages the real Slack would refuse, keeps the messages it was
 * sent (so `conversations.replies` and `chat.update` behave), records every request for assertions,
 * and can be told to fail the next calls with 429 + Retry-After or a 5xx. It also serves
 * `response_url`s and hands out a fake Socket Mode URL.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { judgeMessage } from './block-kit-limits.ts';
import { type FakeSocketMode, startFakeSocketMode } from './fake-socket-mode.ts';

export const FAKE_TEAM_ID = 'TFAKE0001';
export const FAKE_BOT_USER_ID = 'UFAKEBOT1';
export const FAKE_BOT_ID = 'BFAKEBOT1';

/** One request the fake received. `method` is the Web API method, or `response_url`. */
export interface RecordedCall {
  method: string;
  /** the parsed body: form fields (JSON-valued ones decoded) or the JSON object */
  body: Record<string, unknown>;
  /** the body exactly as it arrived */
  raw: string;
  url: string;
  /** what the fake answered: ok, or the error it gave */
  outcome: 'ok' | string;
}

/** A message the fake holds, as Slack would show it. */
export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks?: unknown[];
  user: string;
  bot_id: string;
  /** true for chat.postEphemeral and ephemeral response_url answers */
  ephemeral: boolean;
  /** for ephemerals: who sees it */
  visibleTo?: string;
  /** how many times chat.update changed it */
  edits: number;
}

export type Failure =
  | { status: 429; retryAfterSec: number }
  | { status: 500 | 502 | 503 }
  /** never answers (until the fake closes): a hung call */
  | { status: 'hang' };

export interface FakeSlack {
  readonly apiUrl: string;
  readonly calls: RecordedCall[];
  readonly socket: FakeSocketMode;
  /** the messages the bot posted (and ephemerals), in posting order; updates change them in place */
  readonly messages: StoredMessage[];
  /** a response_url the fake serves */
  responseUrl(id: string): string;
  /** the next `count` calls (of `method`, or any) fail this way */
  failNext(
    count: number,
    failure: Failure,
    method?: string,
    when?: (body: Record<string, unknown>) => boolean,
  ): void;
  /** resolves with the first recorded call that matches (waiting for it if needed) */
  waitFor(
    predicate: (call: RecordedCall) => boolean,
    what?: string,
    timeoutMs?: number,
  ): Promise<RecordedCall>;
  /** every recorded request body and URL, concatenated: for leak checks */
  rawOutbound(): string;
  close(): Promise<void>;
}

const WAIT_MS = 8000;
const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);

export async function startFakeSlack(): Promise<FakeSlack> {
  const socket = await startFakeSocketMode();
  const calls: RecordedCall[] = [];
  const messages: StoredMessage[] = [];
  const failures: {
    method?: string;
    failure: Failure;
    when?: (body: Record<string, unknown>) => boolean;
  }[] = [];
  const hung = new Set<ServerResponse>();
  const events = new EventEmitter();
  let tsCounter = 0;
  const nextTs = () => {
    tsCounter += 1;
    return `${1_700_000_000 + tsCounter}.${String(tsCounter).padStart(6, '0')}`;
  };

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => handle(req, res, raw))
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });

  function record(call: RecordedCall): void {
    calls.push(call);
    events.emit('call', call);
  }

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const url = req.url ?? '/';
    const body = parseBody(raw, req.headers['content-type'] ?? '');
    if (url.startsWith('/respond/')) {
      const error = judgeMessage(body.text, body.blocks);
      if (!error) storeResponse(body);
      record({ method: 'response_url', body, raw, url, outcome: error ?? 'ok' });
      res.writeHead(error ? 400 : 200, { 'content-type': 'text/plain' }).end(error ?? 'ok');
      return;
    }
    const method = url.replace(/^\/api\//, '').split('?')[0] ?? '';
    const failureIndex = failures.findIndex(
      (f) => (!f.method || f.method === method) && (!f.when || f.when(body)),
    );
    if (failureIndex >= 0) {
      const [{ failure }] = failures.splice(failureIndex, 1) as [{ failure: Failure }];
      record({ method, body, raw, url, outcome: `http_${failure.status}` });
      if (failure.status === 'hang') {
        hung.add(res);
        return;
      }
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.status === 429) headers['retry-after'] = String(failure.retryAfterSec);
      res.writeHead(failure.status, headers).end(JSON.stringify({ ok: false, error: 'fake_failure' }));
      return;
    }
    const answer = answerMethod(method, body, req.headers.authorization ?? '');
    record({ method, body, raw, url, outcome: answer.ok ? 'ok' : String(answer.error) });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  function storeResponse(body: Record<string, unknown>): void {
    messages.push({
      channel: 'response_url',
      ts: nextTs(),
      text: String(body.text ?? ''),
      ...(Array.isArray(body.blocks) ? { blocks: body.blocks } : {}),
      user: FAKE_BOT_USER_ID,
      bot_id: FAKE_BOT_ID,
      ephemeral: body.response_type !== 'in_channel',
      edits: 0,
    });
  }

  function answerMethod(
    method: string,
    body: Record<string, unknown>,
    authorization: string,
  ): Record<string, unknown> {
    if (MESSAGE_METHODS.has(method)) {
      const error = judgeMessage(body.text, body.blocks);
      if (error) return { ok: false, error };
      if (typeof body.channel !== 'string' || body.channel === '')
        return { ok: false, error: 'channel_not_found' };
      // channels the bot is not in / DMs between other people, as ids the tests pick
      if (body.channel.startsWith('CNOTIN')) return { ok: false, error: 'not_in_channel' };
      if (body.channel.startsWith('DNOTIN')) return { ok: false, error: 'channel_not_found' };
    }
    switch (method) {
      case 'auth.test':
        // a token the test marks as revoked is refused the way Slack refuses one
        if (authorization.includes('REVOKED')) return { ok: false, error: 'token_revoked' };
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake Team',
          user: 'keydoctor',
          team_id: FAKE_TEAM_ID,
          user_id: FAKE_BOT_USER_ID,
          bot_id: FAKE_BOT_ID,
          is_enterprise_install: false,
        };
      case 'apps.connections.open':
        if (!authorization.startsWith('Bearer xapp-')) return { ok: false, error: 'invalid_auth' };
        return { ok: true, url: socket.url() };
      case 'chat.postMessage': {
        const message = storeMessage(body, false);
        return { ok: true, channel: message.channel, ts: message.ts, message };
      }
      case 'chat.postEphemeral': {
        const message = storeMessage(body, true);
        return { ok: true, message_ts: message.ts };
      }
      case 'chat.update': {
        const message = messages.find((m) => m.channel === body.channel && m.ts === body.ts && !m.ephemeral);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = String(body.text ?? message.text);
        if (Array.isArray(body.blocks)) message.blocks = body.blocks;
        message.edits += 1;
        return { ok: true, channel: message.channel, ts: message.ts, text: message.text };
      }
      case 'conversations.replies': {
        const thread = messages.filter(
          (m) => !m.ephemeral && m.channel === body.channel && (m.ts === body.ts || m.thread_ts === body.ts),
        );
        return { ok: true, messages: thread, has_more: false };
      }
      case 'users.info':
        return { ok: true, user: { id: body.user, name: 'someone', is_bot: false } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  function storeMessage(body: Record<string, unknown>, ephemeral: boolean): StoredMessage {
    const message: StoredMessage = {
      channel: String(body.channel),
      ts: nextTs(),
      ...(typeof body.thread_ts === 'string' ? { thread_ts: body.thread_ts } : {}),
      text: String(body.text ?? ''),
      ...(Array.isArray(body.blocks) ? { blocks: body.blocks } : {}),
      user: FAKE_BOT_USER_ID,
      bot_id: FAKE_BOT_ID,
      ephemeral,
      ...(ephemeral ? { visibleTo: String(body.user) } : {}),
      edits: 0,
    };
    messages.push(message);
    return message;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    calls,
    socket,
    messages,
    responseUrl: (id) => `${base}/respond/${encodeURIComponent(id)}`,
    failNext(count, failure, method, when) {
      for (let i = 0; i < count; i++)
        failures.push({ failure, ...(method ? { method } : {}), ...(when ? { when } : {}) });
    },
    waitFor(predicate, what = 'a matching Slack call', timeoutMs = WAIT_MS) {
      const found = calls.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('call', listener);
          reject(new Error(`the fake Slack never received ${what}`));
        }, timeoutMs);
        const listener = (call: RecordedCall) => {
          if (!predicate(call)) return;
          clearTimeout(timer);
          events.off('call', listener);
          resolve(call);
        };
        events.on('call', listener);
      });
    },
    rawOutbound: () => calls.map((c) => `${c.url}\n${c.raw}`).join('\n'),
    async close() {
      await socket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Bolt's WebClient sends forms (objects as JSON strings); response_url gets JSON. */
function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw.trim() === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = JSON_FIELDS.has(k) ? decodeJsonField(v) : v;
  return out;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

function decodeJsonField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
