/**
 * DISCORD_SHARDS: discord.js's ShardingManager runs each shard as a child process of this one. A
 * child is this same program with only Discord configured and no ops server; it reads the shard id
 * and count discord.js puts in its environment and keeps its state in the shared store (Redis, or
 * the SQLite file in DATA_DIR). This process keeps the other adapters and the ops endpoint.
 * `auto` asks GET /gateway/bot for Discord's recommended count, on the configured API (discord.js's
 * own lookup for `auto` always calls discord.com, whatever DISCORD_API_URL says).
 */
import { type RESTGetAPIGatewayBotResult, REST, Routes, ShardingManager } from 'discord.js';
import type { Logger } from 'pino';
import { clientOptions } from '../adapters/discord/client-options.ts';
import type { DiscordConfig } from '../config/load-config.ts';

/** How long one shard may take to connect before the start is considered failed. */
const SHARD_READY_TIMEOUT_MS = 60_000;

export interface DiscordShards {
  stop(): Promise<void>;
}

/** Starts the shards and resolves once every one is connected. */
export async function startDiscordShards(
  config: DiscordConfig & { shards: number | 'auto' },
  logger: Logger,
  script: string = process.argv[1] ?? '',
): Promise<DiscordShards> {
  // The children inherit this environment (discord.js copies it when it creates each shard):
  // they run Discord only, and leave Slack and the ops port to this process.
  for (const name of Object.keys(process.env)) if (name.startsWith('SLACK_')) delete process.env[name];
  process.env.OPS_PORT = 'off';
  delete process.env.DISCORD_SHARDS;
  const totalShards = config.shards === 'auto' ? await recommendedShardCount(config) : config.shards;
  const manager = new ShardingManager(script, {
    token: config.token,
    totalShards,
    mode: 'process',
    respawn: true,
    execArgv: process.execArgv,
  });
  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id }, 'Discord shard started');
    shard.on('death', () => logger.warn({ shard: shard.id }, 'Discord shard exited'));
  });
  await manager.spawn({ amount: totalShards, timeout: SHARD_READY_TIMEOUT_MS });
  logger.info({ shards: manager.totalShards }, 'Discord shards connected');
  return {
    async stop() {
      await Promise.all(
        [...manager.shards.values()].map(
          (shard) =>
            new Promise<void>((resolve) => {
              const child = shard.process;
              if (!child || child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              // SIGTERM: each shard shuts down gracefully like a single bot would
              shard.kill();
            }),
        ),
      );
    },
  };
}

/** Discord's recommended shard count for this bot, from the same REST API the shards use. */
async function recommendedShardCount(config: DiscordConfig): Promise<number> {
  const rest = new REST({
    ...clientOptions(config).rest,
    // one call: no sweepers left behind
    hashSweepInterval: 0,
    handlerSweepInterval: 0,
  }).setToken(config.token);
  const { shards } = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, shards);
}
