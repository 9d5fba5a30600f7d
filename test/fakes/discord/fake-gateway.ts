/**
 * The fake Discord gateway: HELLO, heartbeat ACKs, READY + GUILD_CREATE on IDENTIFY (discord.js only
 * emits ClientReady once every guild in READY has arrived), then whatever dispatches a test sends.
 * Frames are plain JSON: no `compress` is honoured, so zlib-sync never enters the picture.
 * With shards, each connection identifies as [id, count]: a guild's events go to the shard that owns
 * the guild (`(guild_id >> 22) % count`), everything else (DMs) to shard 0, as Discord does.
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
  /** the READY and GUILD_CREATE payloads for `shard`, built when the client identifies */
  onIdentify(intents: number, shard: Shard): { ready: unknown; guild: unknown };
  /** every frame the client sent, verbatim (for leak checks) */
  record(frame: string): void;
}

/** [shard id, shard count]; [0, 1] without sharding. */
export type Shard = [number, number];

/** The shard that receives a guild's events. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

export class FakeGateway {
  readonly #wss: WebSocketServer;
  readonly #sockets = new Set<WebSocket>();
  readonly #shards = new Map<WebSocket, Shard>();
  /** the shard ids that identified, in order */
  readonly identified: number[] = [];
  /** every IDENTIFY's [shard id, shard count], in order */
  readonly identifiedAs: Shard[] = [];
  #sequence = 0;
  /** intents the client identified with (0 before IDENTIFY) */
  intents = 0;

  constructor(server: Server, hooks: GatewayHooks) {
    this.#wss = new WebSocketServer({ server });
    this.#wss.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => {
        this.#sockets.delete(socket);
        this.#shards.delete(socket);
      });
      socket.on('message', (data) => {
        const frame = data.toString();
        hooks.record(frame);
        const payload = JSON.parse(frame) as {
          op: number;
          d: { token?: string; intents?: number; shard?: Shard } | null;
        };
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
          const shard: Shard = payload.d.shard ?? [0, 1];
          this.#shards.set(socket, shard);
          this.identified.push(shard[0]);
          this.identifiedAs.push(shard);
          const { ready, guild } = hooks.onIdentify(this.intents, shard);
          this.#send(socket, 'READY', { ...(ready as object), shard });
          if (guild) this.#send(socket, 'GUILD_CREATE', guild);
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

  /** Sends a dispatch event (op 0) with the next sequence number to the shard it belongs to. */
  dispatch(event: string, data: unknown): void {
    const guildId = (data as { guild_id?: unknown }).guild_id;
    for (const socket of this.#sockets) {
      const [id, count] = this.#shards.get(socket) ?? [0, 1];
      const owner = typeof guildId === 'string' ? shardOf(guildId, count) : 0;
      if (owner === id) this.#send(socket, event, data);
    }
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
