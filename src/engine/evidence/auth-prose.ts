/** How the key is sent, told in words rather than shown ("I send it as Authorization Bearer"). */
import type { Signal } from '../signals.ts';

export const PROSE_RULES: readonly { regex: RegExp; header: string; scheme?: string; signals: Signal[] }[] = [
  {
    regex: /\b(?:as|in|via|with|using|into|through) (?:an? |the |my )?`?authorization:? bearer\b/,
    header: 'authorization',
    scheme: 'bearer',
    signals: ['header:authorization', 'scheme:bearer'],
  },
  {
    regex: /\b(?:without|no|missing|forgot) (?:the |a )?`?bearer\b/,
    header: 'authorization',
    scheme: 'none',
    signals: ['header:authorization', 'scheme:none'],
  },
  {
    regex: /\b(?:as|in|via|with|using|into|through) (?:an? |the |my )?`?x-api-key\b/,
    header: 'x-api-key',
    signals: ['header:x-api-key'],
  },
  {
    regex:
      /\b(?:as|in|via|with|using|into|through) (?:an? |the )?(?:query (?:param(?:eter)?|string)|url param(?:eter)?)\b/,
    header: 'query',
    signals: ['header:query-param'],
  },
];
