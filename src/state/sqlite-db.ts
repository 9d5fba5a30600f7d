/**
 * Opens keydoctor's SQLite file (conversations and analytics share it) and brings its schema up to
 * date. Migrations are numbered by position and tracked in `PRAGMA user_version`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/** Wait this long for another process's write lock before failing (a restart overlaps briefly). */
const BUSY_TIMEOUT_MS = 5_000;

/** Each entry moves the schema from version i to i+1. Append only; never edit a shipped one. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE conversations (
     key TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX conversations_expires_at ON conversations (expires_at);`,
  `CREATE TABLE diagnoses (
     id INTEGER PRIMARY KEY,
     at INTEGER NOT NULL,
     platform TEXT NOT NULL,
     cause_id TEXT NOT NULL,
     confidence REAL NOT NULL
   );
   CREATE TABLE dialogue_events (
     id INTEGER PRIMARY KEY,
     at INTEGER NOT NULL,
     platform TEXT NOT NULL,
     type TEXT NOT NULL,
     question_id TEXT
   );
   CREATE TABLE feedback (
     id INTEGER PRIMARY KEY,
     at INTEGER NOT NULL,
     platform TEXT NOT NULL,
     cause_id TEXT NOT NULL,
     fixed INTEGER NOT NULL,
     path TEXT NOT NULL,
     symptoms TEXT NOT NULL
   );
   CREATE TABLE handoffs (
     id INTEGER PRIMARY KEY,
     at INTEGER NOT NULL,
     platform TEXT NOT NULL,
     reason TEXT NOT NULL,
     cause_id TEXT NOT NULL,
     summary TEXT NOT NULL,
     symptoms TEXT NOT NULL
   );
   CREATE INDEX diagnoses_cause ON diagnoses (cause_id);
   CREATE INDEX feedback_cause ON feedback (cause_id, at);
   CREATE INDEX handoffs_cause ON handoffs (cause_id, at);`,
  `CREATE TABLE kv (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX kv_expires_at ON kv (expires_at);
   CREATE TABLE queue_items (
     queue TEXT NOT NULL,
     id TEXT NOT NULL,
     value TEXT NOT NULL,
     due_at INTEGER NOT NULL,
     PRIMARY KEY (queue, id)
   );
   CREATE INDEX queue_items_due ON queue_items (queue, due_at);`,
];

/**
 * Applies the migrations the file has not seen yet, one transaction each. The version is read
 * inside the write transaction so two processes starting together cannot both apply one.
 */
export function migrate(db: SqliteDatabase): void {
  const step = db.transaction((): boolean => {
    const version = db.pragma('user_version', { simple: true }) as number;
    const migration = MIGRATIONS[version];
    if (migration === undefined) return false;
    db.exec(migration);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (step.immediate()) {
    // one migration per transaction until the schema is current
  }
}

/** Opens (creating the directory and file when needed) with WAL so readers never block the writer. */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): SqliteDatabase {
  if (!options.readonly) mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
  }
  return db;
}
