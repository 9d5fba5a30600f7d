/**
 * Bolt and its Socket Mode client log through @slack/logger's interface; this forwards to pino. At
 * debug level they print incoming payloads (user text, possibly a pasted key), so every line is
 * scrubbed of credentials first.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';

const LEVELS: LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/** A @slack/logger-shaped logger writing to a pino child logger, credentials scrubbed. */
export function boltLogger(logger: Logger, scrub: (text: string) => string): BoltLogger {
  const child = logger.child({ component: 'slack-bolt' });
  const line = (parts: unknown[]) =>
    scrub(
      parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : safeJson(p))).join(' '),
    );
  return {
    debug: (...parts: unknown[]) => {
      if (child.isLevelEnabled('debug')) child.debug(line(parts));
    },
    info: (...parts: unknown[]) => child.info(line(parts)),
    warn: (...parts: unknown[]) => child.warn(line(parts)),
    error: (...parts: unknown[]) => child.error(line(parts)),
    setLevel: () => undefined, // the level is pino's, set once by LOG_LEVEL
    getLevel: () => LEVELS.find((l) => child.isLevelEnabled(l)) ?? LogLevel.ERROR,
    setName: () => undefined,
  } as BoltLogger;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
