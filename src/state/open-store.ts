/** Opens the configured state store: Redis when REDIS_URL is set, else the SQLite file in DATA_DIR. */
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.ts';
import { RedisStateStore } from './redis-state.ts';
import { SqliteStateStore } from './sqlite-state.ts';
import type { StateStore } from './state-store.ts';

export async function openStateStore(
  config: Pick<Config, 'redisUrl' | 'databaseFile'>,
  logger: Logger,
): Promise<StateStore> {
  if (config.redisUrl) {
    try {
      return await RedisStateStore.connect({
        url: config.redisUrl,
        onError: (error) => logger.warn({ err: error }, 'the Redis connection reported an error'),
      });
    } catch (error) {
      throw new Error(`could not connect to REDIS_URL (${error instanceof Error ? error.message : error})`, {
        cause: error,
      });
    }
  }
  return new SqliteStateStore({
    file: config.databaseFile,
    onSweepError: (error) => logger.error({ err: error }, 'expired-state sweep failed'),
  });
}
