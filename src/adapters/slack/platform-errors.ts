/**
 * Slack Web API failures turned into short, low-cardinality codes for metrics and logs
 * (`rate_limited`, `http_500`, `not_in_channel`, ...).
 */
import { webApi } from '@slack/bolt';

const { ErrorCode } = webApi;

const MAX_CODE_CHARS = 40;

interface CodedLike {
  code?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
  message?: unknown;
}

/** True when the error came from talking to Slack (not from our own code). */
export function isSlackApiError(error: unknown): boolean {
  return slackErrorCode(error) !== undefined;
}

/** The code of a Slack Web API failure, or undefined when the error is not one. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as CodedLike;
  switch (e.code) {
    case ErrorCode.PlatformError:
      return sanitize(typeof e.data?.error === 'string' ? e.data.error : 'platform_error');
    case ErrorCode.HTTPError:
      return `http_${typeof e.statusCode === 'number' ? e.statusCode : 'error'}`;
    case ErrorCode.RateLimitedError:
      return 'rate_limited';
    case ErrorCode.RequestError:
      return 'request_failed';
  }
  // the WebClient gives up on a rate limit with a plain Error once its retries are spent
  if (typeof e.message === 'string' && e.message.startsWith('A rate limit was exceeded'))
    return 'rate_limited';
  return undefined;
}

function sanitize(code: string): string {
  return code.replace(/[^a-z0-9_]/gi, '_').slice(0, MAX_CODE_CHARS) || 'platform_error';
}
