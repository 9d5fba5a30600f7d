/** Reading request bodies the way Discord accepts them: JSON, or multipart with a `payload_json` part. */
import type { IncomingMessage } from 'node:http';

export async function readRaw(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON or multipart body; undefined when there is none. */
export function parseBody(contentType: string | undefined, raw: string): unknown {
  if (raw.length === 0) return undefined;
  if (contentType?.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
    const marker = `--${boundary?.[1] ?? boundary?.[2] ?? ''}`;
    for (const part of raw.split(marker)) {
      if (!/name="payload_json"/.test(part)) continue;
      const start = part.indexOf('\r\n\r\n');
      return JSON.parse(part.slice(start + 4).replace(/\r\n$/, ''));
    }
    return undefined;
  }
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
