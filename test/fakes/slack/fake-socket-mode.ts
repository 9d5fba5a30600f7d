/**
 * A fake Socket Mode endpoint on loopback, built with `ws`: it greets each client with `hello`, then
 * delivers envelopes (`events_api`, `slash_commands`, `interactive`) and records the acks. Like
 * Slack (up to 10 connections per app), it holds several connections at once: an envelope goes to
 * a chosen one, and the same envelope can be delivered again to another one with `retry_attempt`,
 * as Slack does when an ack comes late.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface RecordedAck {
  envelope_id: string;
  payload?: unknown;
  /** the connection that sent the ack */
  connection: number;
}

export interface DeliverOptions {
  /** a redelivery: Slack's `retry_attempt` (with `retry_reason: 'timeout'`) */
  retryAttempt?: number;
  /** the connection to deliver to (an id from `openConnections()`); default the newest open one */
  to?: number;
  /** the envelope id (a redelivery carries the first delivery's); default a fresh one */
  envelopeId?: string;
}

export interface FakeSocketMode {
  /** the ws:// URL apps.connections.open hands out */
  url(): string;
  /** resolves once a client has connected and been sent `hello` */
  connected(): Promise<void>;
  /** the ids of the connections open now, oldest first (ids count up from 0 and are never reused) */
  openConnections(): number[];
  /** resolves with the open connections' ids once at least `count` are open */
  waitForConnections(count: number, timeoutMs?: number): Promise<number[]>;
  /** resolves once connection `id` has closed */
  closed(id: number): Promise<void>;
  /** sends an envelope; resolves with the client's ack */
  deliver(type: EnvelopeType, payload: unknown, options?: DeliverOptions): Promise<RecordedAck>;
  readonly acks: RecordedAck[];
  close(): Promise<void>;
}

const ACK_WAIT_MS = 5000;
const CONNECTION_WAIT_MS = 30_000;

interface Connection {
  id: number;
  ws: WebSocket;
  closed: Promise<void>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const port = (wss.address() as AddressInfo).port;
  const acks: RecordedAck[] = [];
  /** `${connection}:${envelope_id}` -> the delivery waiting for that ack */
  const waiting = new Map<string, (ack: RecordedAck) => void>();
  const connections: Connection[] = [];
  const listeners = new Set<() => void>();
  let nextId = 0;
  let onConnected: (() => void) | undefined;
  let connectedOnce = new Promise<void>((resolve) => {
    onConnected = resolve;
  });
  const open = () => connections.filter((c) => c.ws.readyState === WebSocket.OPEN);
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };

  wss.on('connection', (ws) => {
    const id = nextId++;
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    connections.push({ id, ws, closed });
    void closed.then(notify);
    ws.on('message', (data) => {
      const message = { ...(JSON.parse(String(data)) as Omit<RecordedAck, 'connection'>), connection: id };
      acks.push(message);
      const key = `${id}:${message.envelope_id}`;
      waiting.get(key)?.(message);
      waiting.delete(key);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: open().length,
        debug_info: { host: 'fake-socket-mode', approximate_connection_time: 18060 },
        connection_info: { app_id: 'AFAKEAPP' },
      }),
    );
    onConnected?.();
    notify();
  });

  return {
    url: () => `ws://127.0.0.1:${port}/link/?ticket=fake-ticket`,
    connected: () => connectedOnce,
    openConnections: () => open().map((c) => c.id),
    waitForConnections(count, timeoutMs = CONNECTION_WAIT_MS) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (open().length < count) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(open().map((c) => c.id));
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`fewer than ${count} Socket Mode connections are open`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    closed(id) {
      const connection = connections.find((c) => c.id === id);
      if (!connection) return Promise.reject(new Error(`no Socket Mode connection ${id}`));
      return connection.closed;
    },
    deliver(type, payload, options = {}) {
      const target = options.to === undefined ? open().at(-1) : open().find((c) => c.id === options.to);
      if (!target) {
        const which = options.to === undefined ? '' : ` ${options.to}`;
        throw new Error(`no Socket Mode connection${which} is open`);
      }
      const envelopeId = options.envelopeId ?? randomUUID();
      const key = `${target.id}:${envelopeId}`;
      const acked = new Promise<RecordedAck>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ack for envelope ${envelopeId} on connection ${target.id}`)),
          ACK_WAIT_MS,
        );
        waiting.set(key, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
      });
      target.ws.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
          ...(options.retryAttempt ? { retry_attempt: options.retryAttempt, retry_reason: 'timeout' } : {}),
        }),
      );
      return acked;
    },
    acks,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      connectedOnce = Promise.resolve();
    },
  };
}
