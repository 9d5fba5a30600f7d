/** Memory, SQLite and a real redis-server each pass the one StateStore contract. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { MemoryStateStore } from '../../src/state/memory-state.ts';
import { RedisStateStore } from '../../src/state/redis-state.ts';
import { SqliteStateStore } from '../../src/state/sqlite-state.ts';
import { stateStoreContract } from '../contract/state-store-contract.ts';
import { type RunningRedis, startRedis } from '../fakes/redis-server.ts';

const dirs: string[] = [];
let redis: RunningRedis;
let prefixes = 0;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

stateStoreContract('memory', { create: async () => new MemoryStateStore() });

stateStoreContract('sqlite', {
  create: async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kd-state-'));
    dirs.push(dir);
    return new SqliteStateStore({ file: path.join(dir, 'keydoctor.sqlite'), sweepIntervalMs: 0 });
  },
});

stateStoreContract('redis', {
  // one Redis for the file; a fresh key prefix makes each test's store empty
  create: () => RedisStateStore.connect({ url: redis.url, prefix: `t${++prefixes}:` }),
});
