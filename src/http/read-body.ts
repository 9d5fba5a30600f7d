/**
 * Reads a request body up to a byte limit. Past the limit it stops reading at once (a declared
 * Content-Length over the limit is refused before a byte is read), so a huge or endless body is
 * never buffered.
 */
import type http from 'node:http';

export type BodyResult = { kind: 'ok'; body: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

export function readBody(req: http.IncomingMessage, limitBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) return Promise.resolve({ kind: 'too-large' });

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;

    function settle(result: BodyResult): void {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAborted);
      req.off('close', onAborted);
      resolve(result);
    }
    function onData(chunk: Buffer): void {
      size += chunk.length;
      if (size > limitBytes) {
        req.pause();
        chunks.length = 0;
        settle({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    }
    function onEnd(): void {
      settle({ kind: 'ok', body: Buffer.concat(chunks, size) });
    }
    function onAborted(): void {
      settle({ kind: 'aborted' });
    }

    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAborted);
    // 'close' before 'end' means the client went away mid-body
    req.on('close', onAborted);
  });
}
