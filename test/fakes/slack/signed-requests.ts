/**
 * Requests as Slack sends them to an app in HTTP mode, signed with the app's signing secret:
 * `X-Slack-Signature: v0=` + HMAC-SHA256 of `v0:{timestamp}:{rawBody}`.
 */
import { createHmac } from 'node:crypto';

export interface SignOptions {
  /** seconds since epoch; default now */
  timestamp?: number;
  /** replaces the computed signature */
  signature?: string;
  /** sets X-Slack-Retry-Num (and a retry reason) */
  retryNum?: number;
}

export interface SlackResponse {
  status: number;
  body: string;
}

export function signature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** POSTs a signed request to the adapter's events URL. */
export async function signedPost(
  url: string,
  secret: string,
  rawBody: string,
  contentType: string,
  options: SignOptions = {},
): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? signature(secret, timestamp, rawBody),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const response = await fetch(url, { method: 'POST', headers, body: rawBody });
  return { status: response.status, body: await response.text() };
}

/** An Events API request (JSON). */
export function postEvent(url: string, secret: string, envelope: object, options?: SignOptions) {
  return signedPost(url, secret, JSON.stringify(envelope), 'application/json', options);
}

/** A slash command (form-encoded fields). */
export function postCommand(
  url: string,
  secret: string,
  fields: Record<string, string>,
  options?: SignOptions,
) {
  return signedPost(
    url,
    secret,
    new URLSearchParams(fields).toString(),
    'application/x-www-form-urlencoded',
    options,
  );
}

/** An interactivity request: form-encoded with the JSON in `payload`. */
export function postInteraction(url: string, secret: string, payload: object, options?: SignOptions) {
  const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signedPost(url, secret, raw, 'application/x-www-form-urlencoded', options);
}
