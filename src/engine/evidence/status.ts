/** HTTP statuses the user saw: pasted output, "getting a 403", "Unauthorized". */
import type { Signal } from '../signals.ts';
import type { Extracted, ExtractionInput } from './context.ts';

const STATUS_RULES: { signal: Signal; regex: RegExp; detail: string }[] = [
  {
    signal: 'status:401',
    regex: /(?<![\d.])401(?![\d.])|\bunauthori[sz]ed\b/,
    detail: 'the API answered 401 Unauthorized',
  },
  {
    signal: 'status:403',
    regex: /(?<![\d.])403(?![\d.])|\bforbidden\b/,
    detail: 'the API answered 403 Forbidden',
  },
  {
    signal: 'status:429',
    regex: /(?<![\d.])429(?![\d.])|too many requests/,
    detail: 'the API answered 429 Too Many Requests',
  },
  {
    signal: 'status:400',
    regex: /(?<![\d.])400(?![\d.])|\bbad request\b/,
    detail: 'the API answered 400 Bad Request',
  },
  { signal: 'status:404', regex: /(?<![\d.])404(?![\d.])/, detail: 'the API answered 404 Not Found' },
  {
    signal: 'status:redirect',
    regex: /(?<![\d.])(?:301|302|307|308)(?![\d.])|moved permanently|\bredirect(?:s|ed|ing)?\b/,
    detail: 'a redirect (301/302/307/308) happens before the failure',
  },
  {
    signal: 'status:preflight',
    regex: /preflight|\boptions\b[^\n]{0,40}(?:401|403)|(?:401|403)[^\n]{0,40}\boptions\b (?:request|call)/,
    detail: 'the browser preflight (OPTIONS) request fails',
  },
];

/** Status-code signals seen in the (redacted, lowercased) text. */
export function extractStatus(input: ExtractionInput): Extracted {
  return STATUS_RULES.filter((r) => r.regex.test(input.lower)).map((r) => ({
    signal: r.signal,
    detail: r.detail,
  }));
}
