/** Reads all of a stream as UTF-8 text, up to a cap (the engine analyses far less anyway). */
export const MAX_STDIN_BYTES = 1024 * 1024;

export async function readAll(stream: NodeJS.ReadableStream, maxBytes = MAX_STDIN_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    if (size + buf.length > maxBytes) {
      chunks.push(buf.subarray(0, maxBytes - size));
      break;
    }
    chunks.push(buf);
    size += buf.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}
