/**
 * The process logger: structured pino JSON with secrets redacted twice over. Known token-bearing
 * fields are censored by path, and every string field and message runs through redactSecrets, so a
 * key a user pasted never reaches a log line in clear.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/variables.ts';
import { pairedCredentialField, WITHHELD, withholds } from '../redaction/credential-field.ts';
import { redactText } from '../redaction/redact-json.ts';

/** Fields that carry credentials by name, wherever they appear in the first levels of a log object. */
export const REDACTED_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'password',
  'secret',
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.password',
  '*.secret',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-api-key"]',
];
export const CENSORED = '[redacted]';

/** Deep structures deeper than this are logged as a marker rather than walked. */
const MAX_DEPTH = 8;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A copy of a log value with every string redacted; errors become plain serialised objects. */
export function redactLogValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    // pino's serialised error has a private prototype; copy it to a plain object so it is walked.
    const { type, message, stack, ...rest } = pino.stdSerializers.err(value);
    return redactLogValue({ type, message, stack, ...rest }, depth + 1, seen);
  }
  if (Array.isArray(value)) return value.map((v) => redactLogValue(v, depth + 1, seen));
  if (!isPlainObject(value)) return value;
  // A field named for a credential (apiKey, client_secret, at any depth), or the value of a
  // name/value pair naming one, is withheld whatever its value.
  const paired = pairedCredentialField(value as Record<string, unknown>);
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      withholds(k, v) || k === paired ? WITHHELD : redactLogValue(v, depth + 1, seen),
    ]),
  );
}

export interface LoggerOptions {
  level: LogLevel;
  /** where lines go: stderr (default), a file (console mode, so logs never garble the chat), or a stream */
  destination?: 'stderr' | { file: string } | DestinationStream;
}

function destinationOf(option: LoggerOptions['destination']): DestinationStream {
  if (option === undefined || option === 'stderr') return failSoft(pino.destination({ dest: 2, sync: true }));
  if ('file' in option) return failSoft(pino.destination({ dest: option.file, mkdir: true, sync: true }));
  return option;
}

/**
 * A log line that cannot be written (a full disk) must not become an error of its own: the caller
 * is often an error handler, and a throw there would stop the process. The first failure is told
 * once on stderr; lines that cannot be written are dropped.
 */
function failSoft(inner: DestinationStream): DestinationStream {
  let told = false;
  const tell = (error: unknown) => {
    if (told) return;
    told = true;
    const code = (error as { code?: string } | null)?.code ?? 'unknown error';
    try {
      process.stderr.write(
        `keydoctor: cannot write the log (${code}); log lines that cannot be written are dropped\n`,
      );
    } catch {
      // stderr is gone too: nothing left to tell
    }
  };
  (inner as { on?: (event: string, listener: (e: unknown) => void) => void }).on?.('error', tell);
  return {
    write(line: string) {
      try {
        inner.write(line);
      } catch (error) {
        tell(error);
      }
    },
  };
}

/** Creates the logger every module receives. */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'keydoctor' },
      redact: { paths: REDACTED_PATHS, censor: CENSORED },
      // Errors were already serialised (and redacted) by the log formatter; keep them as they are.
      serializers: {
        err: (value: unknown) => (value instanceof Error ? pino.stdSerializers.err(value) : value),
      },
      formatters: { log: (object) => redactLogValue(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          // logger.error(err) keeps pino's shape: the error under `err`, its message as the message.
          const normalised =
            first instanceof Error ? [{ err: first }, rest[0] ?? first.message, ...rest.slice(1)] : args;
          const redacted = normalised.map((arg) => redactLogValue(arg)) as Parameters<typeof method>;
          method.apply(this, redacted);
        },
      },
    },
    destinationOf(options.destination),
  );
}
