/**
 * The fake Discord gateway: HELLO, heartbeat ACKs, READY + GUILD_CREATE on IDENTIFY (discord.js only
 * emits ClientReady once every guild in READY has arrived), then whatever dispatches a test sends.
 * Frames are plain JSON: no `compress` is honoured, so zlib-sync never enters the picture.
 */
import type { Server } from 'node:http';
import { GatewayOpcodes } from 'discord-api-types/v10';
import { type WebSocket, WebSocketServer } from 'ws';

/** Long enough that no heartbeat is due during a test; the client still sends its first one. */
const HEARTBEAT_INTERVAL_MS = 45_000;
/** Discord's close code for a bad token. */
const AUTHENTICATION_FAILED = 4004;
/** Discord's close code for a privileged intent the application has not enabled. */
const DISALLOWED_INTENTS = 4014;
const MESSAGE_CONTENT_INTENT = 1 << 15;

export interface GatewayHooks {
  token: string;
  /** false: the application has not enabled the privileged Message Content intent */
  messageContentAllowed: boolean;
  /** the READY and GUILD_CREATE payloads, built when the client identifies */
  onIdentify(intents: number): { ready: unknown; guild: unknown };
  /** every frame the client sent, verbatim (for leak checks) */
  record(frame: string): void;
}

export class FakeGateway {
  readonly #wss: WebSocketServer;
  readonly #sockets = new Set<WebSocket>();
  #sequence = 0;
  /** intents the client identified with (0 before IDENTIFY) */
  intents = 0;

  constructor(server: Server, hooks: GatewayHooks) {
    this.#wss = new WebSocketServer({ server });
    this.#wss.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('message', (data) => {
        const frame = data.toString();
        hooks.record(frame);
        const payload = JSON.parse(frame) as { op: number; d: { token?: string; intents?: number } | null };
        if (payload.op === GatewayOpcodes.Heartbeat) {
          socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
        } else if (payload.op === GatewayOpcodes.Identify) {
          if (payload.d?.token !== hooks.token) {
            socket.close(AUTHENTICATION_FAILED, 'Authentication failed.');
            return;
          }
          this.intents = payload.d.intents ?? 0;
          if (this.intents & MESSAGE_CONTENT_INTENT && !hooks.messageContentAllowed) {
            socket.close(DISALLOWED_INTENTS, 'Disallowed intent(s).');
            return;
          }
          const { ready, guild } = hooks.onIdentify(this.intents);
          this.#send(socket, 'READY', ready);
          this.#send(socket, 'GUILD_CREATE', guild);
        } else if (payload.op === GatewayOpcodes.Resume) {
          // no session survives here: ask the client to identify afresh
          socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
        }
      });
      socket.send(
        JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS } }),
      );
    });
  }

  /** Sends a dispatch event (op 0) with the next sequence number to every connected client. */
  dispatch(event: string, data: unknown): void {
    for (const socket of this.#sockets) this.#send(socket, event, data);
  }

  #send(socket: WebSocket, event: string, data: unknown): void {
    this.#sequence += 1;
    socket.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, t: event, s: this.#sequence, d: data }));
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}
