/** Storage faults (disk full, read-only, damaged database) told apart from bugs. */

/** SQLite result codes (better-sqlite3 `code`) and errno codes that mean the store cannot save. */
const STORAGE_CODES =
  /^(?:SQLITE_(?:FULL|IOERR\w*|CORRUPT\w*|NOTADB|READONLY\w*|CANTOPEN\w*|PROTOCOL)|ENOSPC|EROFS|EDQUOT|EIO)$/;

/** The storage code of `error`, or undefined when it is not a storage fault. */
export function storageFaultCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_CODES.test(code) ? code : undefined;
}
