/**
 * The bot process, composition only: read config, load knowledge, open the store, start the
 * adapters and the ops endpoint, and wire reload and shutdown. Start-up problems (configuration,
 * knowledge) print a clear message and exit 1; nothing after start-up stops the process.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { createConversationService } from './conversation/conversation-service.ts';
import { ConfigError } from './config/config-error.ts';
import { loadDotEnv } from './config/dotenv.ts';
import { type Config, loadConfig } from './config/load-config.ts';
import { createEngine } from './engine/index.ts';
import { createMetrics } from './http/metrics.ts';
import { createOpsServer } from './http/ops-server.ts';
import { storeWriteProbe } from './http/store-probe.ts';
import { startAnalyticsRetention } from './process/analytics-retention.ts';
import { openRecovering } from './process/open-database-file.ts';
import { formatKnowledgeIssues, KnowledgeError } from './knowledge/knowledge-error.ts';
import { loadKnowledge } from './knowledge/load.ts';
import type { Knowledge } from './knowledge/schema.ts';
import { createLogger } from './log/logger.ts';
import { consoleInputProblem } from './process/console-input.ts';
import { createAdapters } from './process/create-adapters.ts';
import { createKnowledgeHolder } from './process/knowledge-holder.ts';
import { watchKnowledge } from './process/knowledge-watcher.ts';
import type { DiscordShards } from './process/discord-shards.ts';
import { createShutdown, onShutdownSignals, type Shutdown } from './process/shutdown.ts';
import { SqliteFeedbackLog } from './analytics/feedback-log.ts';
import { openStateStore } from './state/open-store.ts';

/** In console mode logs go to this file in DATA_DIR so they never garble the chat. */
const CONSOLE_LOG_FILE = 'keydoctor.log';
const MS_PER_MINUTE = 60_000;
const MS_PER_SECOND = 1_000;

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** Exit code when only the console could run and nobody can type: a configuration problem. */
const EXIT_NO_TERMINAL = 2;

function readConfig(): Config {
  loadDotEnv();
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError)
      fail(`keydoctor: invalid configuration, refusing to start:\n${error.message}`);
    throw error;
  }
}

function readKnowledge(dir: string): Knowledge {
  try {
    return loadKnowledge(dir);
  } catch (error) {
    if (error instanceof KnowledgeError)
      fail(
        `keydoctor: the knowledge base in ${dir} is invalid, refusing to start:\n${formatKnowledgeIssues(error.issues)}`,
      );
    throw error;
  }
}

function loggerFor(config: Config): Logger {
  const consoleOnly = config.adapters.length === 1 && config.adapters[0] === 'console';
  return createLogger({
    level: config.logLevel,
    destination: consoleOnly ? { file: path.join(config.dataDir, CONSOLE_LOG_FILE) } : 'stderr',
  });
}

async function main(): Promise<void> {
  const config = readConfig();
  if (config.adapters.length === 1 && config.adapters[0] === 'console') {
    const problem = consoleInputProblem(process.stdin);
    if (problem) fail(problem, EXIT_NO_TERMINAL);
  }
  const logger = loggerFor(config);
  const knowledge = readKnowledge(config.knowledgeDir);
  const metrics = createMetrics();
  const holder = createKnowledgeHolder({
    dir: config.knowledgeDir,
    initial: knowledge,
    load: loadKnowledge,
    createEngine,
    logger,
    onReload: (result) => {
      metrics.knowledgeReload(result.ok ? 'ok' : 'refused');
      if (result.ok) metrics.setKnowledgeCauses(result.causes);
    },
  });
  metrics.setKnowledgeCauses(holder.causes());

  // A damaged SQLite file is moved aside and a fresh one started (Redis has no such file).
  const store = await openRecovering(config.databaseFile, () => openStateStore(config, logger), logger);
  const feedback = new SqliteFeedbackLog({ file: config.databaseFile });
  const retention = startAnalyticsRetention({
    feedback,
    retentionDays: config.analyticsRetentionDays,
    onSwept: (deleted) => logger.info({ deleted }, 'old analytics records deleted'),
    onError: (error) => logger.error({ err: error }, 'analytics retention sweep failed'),
  });
  const service = createConversationService({
    engine: holder.engine,
    store,
    ttlMs: config.conversationTtlMinutes * MS_PER_MINUTE,
    rateLimitPerMinute: config.rateLimitPerMinute,
    lockTtlMs: config.lockTtlSeconds * MS_PER_SECOND,
    maxMessageChars: config.maxMessageChars,
    feedback,
    metrics,
    logger,
  });

  let shutdown: Shutdown | undefined;
  // DISCORD_SHARDS: Discord runs in child processes (ShardingManager); this one keeps the rest.
  // (discord.js sets SHARDING_MANAGER and SHARDS in the environment of a shard it started)
  const sharded = config.discord?.shards !== undefined && process.env.SHARDING_MANAGER === undefined;
  const adapters = await createAdapters(
    sharded ? { ...config, adapters: config.adapters.filter((a) => a !== 'discord') } : config,
    {
      logger,
      stdin: process.stdin,
      stdout: process.stdout,
      onConsoleExit: () => void shutdown?.shutdown('console exit'),
    },
  );
  let shards: DiscordShards | undefined;
  const ops = config.ops
    ? createOpsServer({
        ...config.ops,
        registry: metrics.registry,
        readiness: () => ({
          knowledge: { loaded: true, causes: holder.causes() },
          adapters: adapters.map((a) => ({ name: a.name, ready: a.isReady() })),
        }),
        onError: (error) => logger.error({ err: error }, 'ops request failed'),
        storeProbe: storeWriteProbe(store),
        engine: holder.engine,
        onApiRequest: metrics.apiRequest,
      })
    : undefined;
  const watcher = config.knowledgeWatch
    ? watchKnowledge(config.knowledgeDir, () => holder.reload(), {
        onError: (error) => logger.error({ err: error }, 'knowledge watch failed'),
      })
    : undefined;

  shutdown = createShutdown({
    adapters,
    drain: service.drain,
    interrupt: service.interrupt,
    closers: [
      { name: 'discord shards', close: () => shards?.stop() },
      ...(ops ? [{ name: 'ops server', close: ops.close }] : []),
      ...(watcher ? [{ name: 'knowledge watcher', close: () => watcher.close() }] : []),
      { name: 'state store', close: () => store.close() },
      { name: 'feedback log', close: () => (retention.stop(), feedback.close()) },
    ],
    logger,
    exit: (code) => process.exit(code),
  });
  onShutdownSignals(shutdown);
  process.on('SIGHUP', () => holder.reload());
  // Never rethrows: a handler that fails again (a full disk under the log file) would stop the bot.
  process.on('unhandledRejection', (reason) => {
    try {
      logger.error({ err: reason }, 'unhandled rejection');
    } catch {
      // the logger already tells stderr once when it cannot write
    }
  });

  if (ops) {
    const { port } = await ops.start();
    logger.info({ host: config.ops?.host, port }, 'ops server listening');
  }
  for (const adapter of adapters) {
    try {
      await adapter.start(service, { platformError: metrics.platformError });
    } catch (error) {
      logger.fatal({ err: error, adapter: adapter.name }, 'adapter failed to start');
      process.stderr.write(`keydoctor: the ${adapter.name} adapter failed to start; see the log.\n`);
      await shutdown.shutdown('start-up failure', 1);
      return;
    }
  }
  if (sharded && config.discord?.shards !== undefined) {
    try {
      const { startDiscordShards } = await import('./process/discord-shards.ts');
      shards = await startDiscordShards({ ...config.discord, shards: config.discord.shards }, logger);
    } catch (error) {
      logger.fatal({ err: error }, 'the Discord shards failed to start');
      process.stderr.write('keydoctor: the Discord shards failed to start; see the log.\n');
      await shutdown.shutdown('start-up failure', 1);
      return;
    }
  }
  logger.info(
    {
      adapters: config.adapters,
      knowledge: config.knowledgeDir,
      causes: holder.causes(),
      watch: config.knowledgeWatch,
    },
    'keydoctor started',
  );
}

// Anything else that stops start-up (an unwritable DATA_DIR, a port in use) is reported in one
// line: operators need the cause, not a stack trace.
await main().catch((error: unknown) => {
  fail(`keydoctor: failed to start: ${error instanceof Error ? error.message : String(error)}`);
});
