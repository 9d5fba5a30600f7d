/**
 * Opens what lives in the SQLite file, recovering from a damaged file: it is moved aside (kept for
 * the operator, never deleted) and a fresh one is started, with one clear log line, instead of a
 * start-up failure that a restart policy would repeat for ever.
 */
import { existsSync, renameSync } from 'node:fs';
import type { Logger } from 'pino';
import { storageFaultCode } from '../conversation/storage-fault.ts';

/** Codes that mean the file is not a usable database (as opposed to a full or read-only disk). */
const DAMAGED = /^SQLITE_(?:NOTADB|CORRUPT\w*)$/;

export async function openRecovering<T>(
  file: string,
  open: () => T | Promise<T>,
  logger: Logger,
  clock = Date.now,
): Promise<T> {
  try {
    return await open();
  } catch (error) {
    const code = storageFaultCode(error);
    if (!code || !DAMAGED.test(code) || !existsSync(file)) throw error;
    const aside = `${file}.damaged-${clock()}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    }
    logger.error(
      { code, file, movedTo: aside },
      'the database file is damaged: it was moved aside and a new one started (its conversations and stats are not used)',
    );
    return await open();
  }
}
