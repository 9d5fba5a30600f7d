/**
 * Graceful shutdown: stop taking events, finish what is in flight, flush and close. A second
 * signal, or a shutdown that hangs, forces the exit.
 */
import type { Logger } from 'pino';
import type { Adapter } from '../adapters/adapter.ts';

/** A shutdown that takes longer than this is forced (orchestrators kill at about 30 s anyway). */
export const SHUTDOWN_TIMEOUT_MS = 15_000;
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export interface ShutdownParts {
  adapters: readonly Adapter[];
  /** resolves when every queued message has been handled */
  drain: () => Promise<void>;
  /** called first: stop waiting on platforms (a Retry-After, a hung call); answers stay in the outbox */
  interrupt?: () => void;
  /** closed in order after the drain: ops server, watcher, store, feedback log */
  closers: readonly { name: string; close: () => Promise<void> | void }[];
  logger: Logger;
  exit: (code: number) => void;
  timeoutMs?: number;
}

export interface Shutdown {
  /** Runs once, exiting with `exitCode` (1 if a part failed); later calls force the exit. */
  shutdown(reason: string, exitCode?: number): Promise<void>;
  readonly started: boolean;
}

export function createShutdown(parts: ShutdownParts): Shutdown {
  let running: Promise<void> | undefined;

  async function run(reason: string, exitCode: number): Promise<void> {
    parts.logger.info({ reason }, 'shutting down: no new events; finishing in-flight messages');
    const timer = setTimeout(() => {
      parts.logger.error('shutdown timed out; forcing exit');
      parts.exit(1);
    }, parts.timeoutMs ?? SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    let failed = false;
    parts.interrupt?.();
    const stopped = await Promise.allSettled(parts.adapters.map((a) => a.stop()));
    stopped.forEach((s, i) => {
      if (s.status === 'rejected') {
        failed = true;
        parts.logger.error(
          { err: s.reason, adapter: parts.adapters[i]?.name },
          'adapter did not stop cleanly',
        );
      }
    });
    await parts.drain();
    for (const closer of parts.closers) {
      try {
        await closer.close();
      } catch (error) {
        failed = true;
        parts.logger.error({ err: error, part: closer.name }, 'closing failed');
      }
    }
    clearTimeout(timer);
    parts.logger.info('shutdown complete');
    parts.logger.flush?.();
    parts.exit(failed ? 1 : exitCode);
  }

  return {
    shutdown(reason: string, exitCode = 0): Promise<void> {
      if (running) {
        parts.logger.warn({ reason }, 'second shutdown request; forcing exit');
        parts.exit(1);
        return running;
      }
      running = run(reason, exitCode);
      return running;
    },
    get started() {
      return running !== undefined;
    },
  };
}

/** Wires SIGTERM/SIGINT to the shutdown. */
export function onShutdownSignals(shutdown: Shutdown, target: NodeJS.EventEmitter = process): void {
  for (const signal of SHUTDOWN_SIGNALS) target.on(signal, () => void shutdown.shutdown(signal));
}
