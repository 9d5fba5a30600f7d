/**
 * The one contract every StateStore passes: memory, SQLite and Redis run these same specifications
 * (test/state/state-store.test.ts). Times are real but short; nothing asserts on speed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StateStore } from '../../src/state/state-store.ts';

export interface StoreFactory {
  /** a fresh, empty store */
  create(): Promise<StateStore>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Short enough to wait out in a test, long enough that a slow machine still reads before expiry. */
const SHORT_TTL_MS = 150;
const WAIT_PAST_TTL_MS = 400;
const LONG_TTL_MS = 60_000;

export function stateStoreContract(name: string, factory: StoreFactory): void {
  describe(`StateStore contract: ${name}`, () => {
    let store: StateStore;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('GIVEN a value set THEN get returns it, and undefined for a key never set', async () => {
      await store.set('a', 'one', LONG_TTL_MS);
      expect(await store.get('a')).toBe('one');
      expect(await store.get('missing')).toBeUndefined();
    });

    it('GIVEN operations started one after another without waiting THEN they apply in that order', async () => {
      // the service sends a read right behind a lock, and an outbox removal right before a release
      const first = store.set('a', 'one', LONG_TTL_MS);
      const read = store.get('a');
      const locking = store.acquireLock('conversation:x', LONG_TTL_MS);
      const readBehindLock = store.get('conversation:x');
      const rewrite = store.set('a', 'two', LONG_TTL_MS);
      const readAfter = store.get('a');
      const [, seen, lock, , , after] = await Promise.all([
        first,
        read,
        locking,
        readBehindLock,
        rewrite,
        readAfter,
      ]);
      expect(seen).toBe('one');
      expect(after).toBe('two');
      expect(lock).toBeDefined();
      const saving = store.setIfLockHeld(lock!, 'conversation:x', 'state', LONG_TTL_MS);
      const queued = store.enqueue('q', { id: 'i', value: 'v', dueAt: 0 });
      const removed = store.dequeue('q', 'i');
      const released = store.releaseLock(lock!);
      const retaken = store.acquireLock('conversation:x', LONG_TTL_MS);
      const [saved, , , , again] = await Promise.all([saving, queued, removed, released, retaken]);
      expect(saved).toBe(true);
      expect(again).toBeDefined();
      expect(await store.claimDue('q', Date.now(), 10, LONG_TTL_MS)).toEqual([]);
      expect(await store.get('conversation:x')).toBe('state');
    });

    it('GIVEN a value set again THEN get returns the newer value', async () => {
      await store.set('a', 'one', LONG_TTL_MS);
      await store.set('a', 'two', LONG_TTL_MS);
      expect(await store.get('a')).toBe('two');
    });

    it('GIVEN a TTL that passed THEN the value is gone', async () => {
      await store.set('a', 'one', SHORT_TTL_MS);
      await store.set('b', 'kept', LONG_TTL_MS);
      await sleep(WAIT_PAST_TTL_MS);
      expect(await store.get('a')).toBeUndefined();
      expect(await store.get('b')).toBe('kept');
    });

    it('GIVEN a deleted key THEN get returns undefined', async () => {
      await store.set('a', 'one', LONG_TTL_MS);
      await store.delete('a');
      expect(await store.get('a')).toBeUndefined();
    });

    it('GIVEN conversation keys THEN they round-trip like any other key', async () => {
      const key = 'conversation:slack:T1:C1:1700000000.000100';
      await store.set(key, '{"version":1}', LONG_TTL_MS);
      expect(await store.get(key)).toBe('{"version":1}');
      await store.delete(key);
      expect(await store.get(key)).toBeUndefined();
    });

    it('GIVEN set-if-absent twice on one key THEN only the first call wins', async () => {
      expect(await store.setIfAbsent('event:Ev1', '1', LONG_TTL_MS)).toBe(true);
      expect(await store.setIfAbsent('event:Ev1', '2', LONG_TTL_MS)).toBe(false);
      expect(await store.get('event:Ev1')).toBe('1');
    });

    it('GIVEN twenty concurrent set-if-absent calls THEN exactly one wins', async () => {
      const wins = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.setIfAbsent('event:race', String(i), LONG_TTL_MS)),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it('GIVEN a set-if-absent key that expired THEN it can be set again', async () => {
      expect(await store.setIfAbsent('event:Ev2', '1', SHORT_TTL_MS)).toBe(true);
      await sleep(WAIT_PAST_TTL_MS);
      expect(await store.setIfAbsent('event:Ev2', '2', LONG_TTL_MS)).toBe(true);
    });

    it('GIVEN a held lock THEN a second acquire fails until it is released', async () => {
      const lock = await store.acquireLock('c1', LONG_TTL_MS);
      expect(lock).toBeDefined();
      expect(await store.acquireLock('c1', LONG_TTL_MS)).toBeUndefined();
      expect(await store.acquireLock('c2', LONG_TTL_MS)).toBeDefined();
      await store.releaseLock(lock!);
      expect(await store.acquireLock('c1', LONG_TTL_MS)).toBeDefined();
    });

    it('GIVEN a lock whose TTL passed THEN another owner takes it and the old token cannot release or extend it', async () => {
      const old = await store.acquireLock('c1', SHORT_TTL_MS);
      await sleep(WAIT_PAST_TTL_MS);
      const fresh = await store.acquireLock('c1', LONG_TTL_MS);
      expect(fresh).toBeDefined();
      expect(await store.extendLock(old!, LONG_TTL_MS)).toBe(false);
      await store.releaseLock(old!);
      expect(await store.acquireLock('c1', LONG_TTL_MS)).toBeUndefined();
    });

    it('GIVEN a lock extended before its TTL THEN it is still held after the first TTL', async () => {
      const lock = await store.acquireLock('c1', SHORT_TTL_MS);
      expect(await store.extendLock(lock!, LONG_TTL_MS)).toBe(true);
      await sleep(WAIT_PAST_TTL_MS);
      expect(await store.acquireLock('c1', LONG_TTL_MS)).toBeUndefined();
      expect(await store.extendLock(lock!, LONG_TTL_MS)).toBe(true);
    });

    it('GIVEN a held lock THEN setIfLockHeld saves; GIVEN it was lost THEN it saves nothing', async () => {
      const lock = await store.acquireLock('c1', SHORT_TTL_MS);
      expect(await store.setIfLockHeld(lock!, 'conversation:c1', 'first', LONG_TTL_MS)).toBe(true);
      expect(await store.get('conversation:c1')).toBe('first');
      await sleep(WAIT_PAST_TTL_MS);
      const other = await store.acquireLock('c1', LONG_TTL_MS);
      expect(await store.setIfLockHeld(other!, 'conversation:c1', 'newer', LONG_TTL_MS)).toBe(true);
      expect(await store.setIfLockHeld(lock!, 'conversation:c1', 'stale', LONG_TTL_MS)).toBe(false);
      expect(await store.get('conversation:c1')).toBe('newer');
    });

    it('GIVEN hits in one window THEN the counter counts them and says when the window ends', async () => {
      const first = await store.increment('rate:u1', LONG_TTL_MS);
      const second = await store.increment('rate:u1', LONG_TTL_MS);
      const other = await store.increment('rate:u2', LONG_TTL_MS);
      expect([first.count, second.count, other.count]).toEqual([1, 2, 1]);
      expect(second.resetInMs).toBeGreaterThan(0);
      expect(second.resetInMs).toBeLessThanOrEqual(LONG_TTL_MS);
    });

    it('GIVEN concurrent hits THEN none is lost', async () => {
      const counts = await Promise.all(
        Array.from({ length: 25 }, () => store.increment('rate:burst', LONG_TTL_MS)),
      );
      expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 25 }, (_, i) => i + 1),
      );
    });

    it('GIVEN a window that ended THEN the count starts again', async () => {
      await store.increment('rate:u1', SHORT_TTL_MS);
      await store.increment('rate:u1', SHORT_TTL_MS);
      await sleep(WAIT_PAST_TTL_MS);
      expect((await store.increment('rate:u1', SHORT_TTL_MS)).count).toBe(1);
    });

    it('GIVEN queued items THEN only due ones are claimed, oldest first, at most `limit`', async () => {
      const now = Date.now();
      await store.enqueue('outbox', { id: 'late', value: 'L', dueAt: now + LONG_TTL_MS });
      await store.enqueue('outbox', { id: 'b', value: 'B', dueAt: now - 10 });
      await store.enqueue('outbox', { id: 'a', value: 'A', dueAt: now - 20 });
      await store.enqueue('outbox', { id: 'c', value: 'C', dueAt: now - 5 });
      const claimed = await store.claimDue('outbox', now, 2, LONG_TTL_MS);
      expect(claimed.map((i) => [i.id, i.value])).toEqual([
        ['a', 'A'],
        ['b', 'B'],
      ]);
    });

    it('GIVEN an item claimed THEN nobody claims it again until its lease ends', async () => {
      const now = Date.now();
      await store.enqueue('outbox', { id: 'x', value: 'X', dueAt: now });
      expect(await store.claimDue('outbox', now, 10, 1_000)).toHaveLength(1);
      expect(await store.claimDue('outbox', now, 10, 1_000)).toHaveLength(0);
      expect((await store.claimDue('outbox', now + 1_001, 10, 1_000)).map((i) => i.id)).toEqual(['x']);
    });

    it('GIVEN two concurrent claimers THEN each item goes to one of them', async () => {
      const now = Date.now();
      for (let i = 0; i < 10; i++) await store.enqueue('outbox', { id: `i${i}`, value: 'v', dueAt: now });
      const [a, b] = await Promise.all([
        store.claimDue('outbox', now, 10, LONG_TTL_MS),
        store.claimDue('outbox', now, 10, LONG_TTL_MS),
      ]);
      const ids = [...a!, ...b!].map((i) => i.id).sort();
      expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `i${i}`).sort());
    });

    it('GIVEN an item dequeued or replaced THEN claims see only the latest value', async () => {
      const now = Date.now();
      await store.enqueue('outbox', { id: 'x', value: 'old', dueAt: now });
      await store.enqueue('outbox', { id: 'x', value: 'new', dueAt: now });
      await store.enqueue('outbox', { id: 'y', value: 'Y', dueAt: now });
      await store.dequeue('outbox', 'y');
      expect((await store.claimDue('outbox', now, 10, 1_000)).map((i) => i.value)).toEqual(['new']);
      expect(await store.claimDue('other-queue', now, 10, 1_000)).toEqual([]);
    });
  });
}
