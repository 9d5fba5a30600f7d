/**
 * The product API's door: an optional bearer token (compared in constant time), and per-client
 * rate and concurrency limits, checked before a byte of the body is read.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { SlidingWindowRateLimiter } from './rate-limiter.ts';

export interface ApiGuardOptions {
  /** when set, requests must send `Authorization: Bearer <token>` */
  token?: string;
  /** requests per client per minute; 0 = no limit */
  ratePerMinute: number;
  /** requests of one client in flight at once */
  maxConcurrent: number;
  now?: () => number;
}

export type Admission =
  | { ok: true; release: () => void }
  | { ok: false; status: number; body: unknown; headers: http.OutgoingHttpHeaders };

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Same-length digests, so neither the comparison's time nor an early exit tells the token's length. */
function tokenMatches(expected: string, header: string | undefined): boolean {
  const sent = /^Bearer (\S+)$/.exec(header ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(sent), digest(expected)) && sent.length > 0;
}

/** Who the limits count: the peer address (the ops server is meant for a trusted network). */
function clientOf(req: http.IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

export function createApiGuard(options: ApiGuardOptions) {
  const limiter = new SlidingWindowRateLimiter(options.ratePerMinute);
  const inFlight = new Map<string, number>();
  const now = options.now ?? Date.now;

  return {
    admit(req: http.IncomingMessage): Admission {
      if (options.token !== undefined && !tokenMatches(options.token, req.headers.authorization)) {
        return {
          ok: false,
          status: 401,
          body: { error: 'unauthorized', message: 'send Authorization: Bearer <API token>' },
          headers: { 'www-authenticate': 'Bearer' },
        };
      }
      const client = clientOf(req);
      const busy = inFlight.get(client) ?? 0;
      if (busy >= options.maxConcurrent) {
        return {
          ok: false,
          status: 429,
          body: {
            error: 'too_many_concurrent',
            message: `at most ${options.maxConcurrent} requests at once`,
          },
          headers: { 'retry-after': '1' },
        };
      }
      const at = now();
      if (!limiter.tryAcquire(client, at)) {
        const seconds = Math.max(1, Math.ceil(limiter.retryAfterMs(client, at) / 1000));
        return {
          ok: false,
          status: 429,
          body: { error: 'rate_limited', message: `too many requests; retry in ${seconds} s` },
          headers: { 'retry-after': String(seconds) },
        };
      }
      inFlight.set(client, busy + 1);
      let released = false;
      return {
        ok: true,
        release: () => {
          if (released) return;
          released = true;
          const left = (inFlight.get(client) ?? 1) - 1;
          if (left <= 0) inFlight.delete(client);
          else inFlight.set(client, left);
        },
      };
    },
  };
}
