/**
 * A fake Socket Mode endpoint on loopback, built with `ws`: it greets a client with `hello`, then
 * delivers envelopes (`events_api`, `slash_commands`, `interactive`) and records the acks.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface RecordedAck {
  envelope_id: string;
  payload?: unknown;
}

export interface FakeSocketMode {
  /** the ws:// URL apps.connections.open hands out */
  url(): string;
  /** resolves once a client has connected and been sent `hello` */
  connected(): Promise<void>;
  /** sends an envelope; resolves with the client's ack */
  deliver(type: EnvelopeType, payload: unknown, options?: { retryAttempt?: number }): Promise<RecordedAck>;
  readonly acks: RecordedAck[];
  close(): Promise<void>;
}

const ACK_WAIT_MS = 5000;

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const port = (wss.address() as AddressInfo).port;
  const acks: RecordedAck[] = [];
  const waiting = new Map<string, (ack: RecordedAck) => void>();
  let client: WebSocket | undefined;
  let onConnected: (() => void) | undefined;
  let connectedOnce = new Promise<void>((resolve) => {
    onConnected = resolve;
  });

  wss.on('connection', (ws) => {
    client = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as RecordedAck;
      acks.push(message);
      waiting.get(message.envelope_id)?.(message);
      waiting.delete(message.envelope_id);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake-socket-mode', approximate_connection_time: 18060 },
        connection_info: { app_id: 'AFAKEAPP' },
      }),
    );
    onConnected?.();
  });

  return {
    url: () => `ws://127.0.0.1:${port}/link/?ticket=fake-ticket`,
    connected: () => connectedOnce,
    deliver(type, payload, options = {}) {
      const envelopeId = randomUUID();
      const acked = new Promise<RecordedAck>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ack for envelope ${envelopeId}`)), ACK_WAIT_MS);
        waiting.set(envelopeId, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
      });
      if (!client) throw new Error('no Socket Mode client is connected');
      client.send(
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
