/**
 * `POST /v1/diagnose`: the one-shot diagnosis for API providers' own support tools. The answer is
 * the same JSON as `keydoctor diagnose --json`. The body is checked at the edge (media type, size,
 * JSON, schema) before the engine sees it; the engine redacts credentials, so none is echoed.
 */
import type http from 'node:http';
import { z } from 'zod';
import type { Engine } from '../engine/types.ts';
import { diagnosisJson } from '../render/diagnosis-json.ts';
import { readBody } from './read-body.ts';

export const DIAGNOSE_PATH = '/v1/diagnose';
/** Enough for a long stack trace plus headers; anything larger is refused unread. */
export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_TEXT_CHARS = 20_000;

export const diagnoseRequestSchema = z.object({
  text: z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(MAX_TEXT_CHARS, `must be at most ${MAX_TEXT_CHARS} characters`),
  now: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: 'must be an ISO 8601 date or date-time, e.g. 2026-01-15T12:00:00Z',
    })
    .optional(),
});

export type DiagnoseRequest = z.infer<typeof diagnoseRequestSchema>;

export interface DiagnoseApiOptions {
  /** the engine in service at the time of the request (knowledge reloads swap it) */
  engine: () => Engine;
  now: () => number;
  /** told the status of every answered request (metrics) */
  onRequest?: (status: number) => void;
  /** told about unexpected failures (the client gets a plain 500) */
  onError?: (error: unknown) => void;
}

/** The media type without parameters: `application/json; charset=utf-8` is JSON. */
function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(body)' : path.map(String).join('.');
}

export async function handleDiagnose(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: DiagnoseApiOptions,
): Promise<void> {
  const send = (status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(JSON.stringify(body));
    options.onRequest?.(status);
  };

  if (req.method !== 'POST') {
    send(405, { error: 'method_not_allowed', message: 'use POST' }, { allow: 'POST' });
    return;
  }
  if (!isJson(req.headers['content-type'])) {
    send(415, {
      error: 'unsupported_media_type',
      message: 'send the body as JSON with Content-Type: application/json',
    });
    return;
  }

  const read = await readBody(req, MAX_BODY_BYTES);
  if (read.kind === 'aborted') return;
  if (read.kind === 'too-large') {
    // the rest of the body stays unread, so the connection cannot be reused
    send(
      413,
      { error: 'body_too_large', message: `the body must be at most ${MAX_BODY_BYTES} bytes` },
      { connection: 'close' },
    );
    return;
  }

  let json: unknown;
  try {
    json = JSON.parse(read.body.toString('utf8'));
  } catch {
    // never the parser's message: V8 quotes the input in it, and the input may hold a key
    send(400, { error: 'invalid_json', message: 'the body is not valid JSON' });
    return;
  }

  const parsed = diagnoseRequestSchema.safeParse(json);
  if (!parsed.success) {
    send(400, {
      error: 'invalid_body',
      issues: parsed.error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message })),
    });
    return;
  }

  try {
    const now = parsed.data.now ? Date.parse(parsed.data.now) : options.now();
    const { outcome, evidence } = options.engine().diagnose(parsed.data.text, { now });
    send(200, diagnosisJson(outcome, evidence));
  } catch (error) {
    options.onError?.(error);
    send(500, { error: 'internal', message: 'the diagnosis failed; the error is in the server log' });
  }
}
