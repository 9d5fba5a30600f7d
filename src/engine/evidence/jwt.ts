/**
 * JWT time claims, decoded locally from pasted tokens and pasted payloads. The signature is never
 * verified and no claim other than exp/nbf/iat is read or echoed.
 */
import type { EvidenceItem } from '../types.ts';
import type { ExtractionInput } from './context.ts';

/** Tolerance for clocks that differ by a few seconds: within it a claim still counts as valid. */
const CLOCK_LEEWAY_S = 60;
const PAYLOAD_CLAIM = /"(exp|nbf|iat)"\s{0,3}:\s{0,3}(\d{9,11})(?!\d)/g;

type Claims = { exp?: number; nbf?: number; iat?: number };

function decodeClaims(token: string): Claims | undefined {
  const payload = token.split('.')[1];
  if (!payload || payload.length > 8000) return undefined;
  try {
    const json: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!json || typeof json !== 'object') return undefined;
    const o = json as Record<string, unknown>;
    const pick = (k: string) =>
      typeof o[k] === 'number' && Number.isFinite(o[k]) ? (o[k] as number) : undefined;
    const claims: Claims = {};
    for (const k of ['exp', 'nbf', 'iat'] as const) {
      const v = pick(k);
      if (v !== undefined) claims[k] = v;
    }
    return claims;
  } catch {
    return undefined;
  }
}

/** "3 hours", "2 days": rough, human. */
export function humanDuration(seconds: number): string {
  const s = Math.abs(seconds);
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    if (s >= size) {
      const n = Math.round(s / size);
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  const n = Math.round(s);
  return `${n} second${n === 1 ? '' : 's'}`;
}

function judge(claims: Claims, nowS: number, what: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  if (claims.exp !== undefined && claims.exp < nowS - CLOCK_LEEWAY_S) {
    out.push({
      signal: 'jwt:expired',
      detail: `${what} expired ${humanDuration(nowS - claims.exp)} ago (its \`exp\` is in the past)`,
    });
  }
  const future = [claims.nbf, claims.iat].filter(
    (t): t is number => t !== undefined && t > nowS + CLOCK_LEEWAY_S,
  );
  if (future.length > 0) {
    const ahead = Math.max(...future) - nowS;
    out.push({
      signal: 'jwt:not-yet-valid',
      detail: `${what} is dated ${humanDuration(ahead)} in the future (\`nbf\`/\`iat\`): a clock is off`,
    });
  }
  if (out.length === 0 && claims.exp !== undefined) {
    out.push({
      signal: 'jwt:valid-time',
      detail: `${what} is within its validity window (expires in ${humanDuration(claims.exp - nowS)})`,
    });
  }
  return out;
}

/** JWT time-claim signals from pasted tokens and pasted decoded payloads. */
export function extractJwt(input: ExtractionInput): EvidenceItem[] {
  const nowS = input.now / 1000;
  const out: EvidenceItem[] = [];
  for (const c of input.credentials) {
    if (c.fingerprint.provider !== 'jwt') continue;
    const claims = decodeClaims(c.value);
    if (claims) out.push(...judge(claims, nowS, `the JWT \`${c.fingerprint.label}\``));
  }
  const pasted: Claims = {};
  PAYLOAD_CLAIM.lastIndex = 0;
  for (let m = PAYLOAD_CLAIM.exec(input.redacted); m !== null; m = PAYLOAD_CLAIM.exec(input.redacted)) {
    pasted[m[1] as keyof Claims] = Number(m[2]);
  }
  if (Object.keys(pasted).length > 0) out.push(...judge(pasted, nowS, 'the token payload you pasted'));
  return out;
}

/** True when a JWT's `exp` has passed: it can no longer be used, so it needs no rotation warning. */
export function isExpiredJwt(token: string, now: number): boolean {
  const exp = decodeClaims(token)?.exp;
  return exp !== undefined && exp < now / 1000 - CLOCK_LEEWAY_S;
}
