/**
 * Test-file fixtures: one real redis-server for the whole file (started before its first test,
 * stopped after its last), and cleanups each test registers, run newest first after it.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type RunningRedis, startRedis } from '../fakes/redis-server.ts';

/** Cleanups registered during a test run after it, newest first, even when the test failed. */
export function cleanupsAfterEach(): (() => Promise<void> | void)[] {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}

/** The file's redis-server; `current()` is valid inside its tests. */
export function redisPerFile(): { current(): RunningRedis } {
  let redis: RunningRedis | undefined;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  return {
    current() {
      if (!redis) throw new Error('redis-server is not running (use it inside a test)');
      return redis;
    },
  };
}
