import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { CENSORED, createLogger } from '../../src/log/logger.ts';

// Built at run time so the repository holds no key-shaped string.
const KEY = `sk-${'proj-'}${'Q7wErTy9UiOp3AsDfGh5'.repeat(2)}`;
const STRIPE = `${'sk_'}${'live_'}${'FAKE'.padEnd(24, 'x')}9z8y`;

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination: stream as never });
  return { logger, lines, json: () => lines.map((l) => JSON.parse(l)) };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createLogger', () => {
  it('writes structured JSON lines with the level and message', () => {
    const { logger, json } = capture();
    logger.info({ adapter: 'slack' }, 'connected');
    expect(json()[0]).toMatchObject({ level: 30, msg: 'connected', adapter: 'slack', service: 'keydoctor' });
  });

  it('redacts a credential inside the message text', () => {
    const { logger, lines } = capture();
    logger.warn(`user pasted ${KEY}`);
    expect(lines.join('')).not.toContain(KEY);
    expect(lines.join('')).toContain('…');
  });

  it('redacts credentials in nested string fields', () => {
    const { logger, lines } = capture();
    logger.info({ event: { text: `curl -H "Authorization: Bearer ${KEY}"`, list: [STRIPE] } }, 'incoming');
    expect(lines.join('')).not.toContain(KEY);
    expect(lines.join('')).not.toContain(STRIPE);
  });

  it('censors token-bearing fields by name whatever their shape', () => {
    const { logger, json } = capture();
    logger.info(
      { token: 'opaque', headers: { authorization: 'Basic abc' }, slack: { botToken: 'x' } },
      'cfg',
    );
    expect(json()[0]).toMatchObject({
      token: CENSORED,
      headers: { authorization: CENSORED },
      slack: { botToken: CENSORED },
    });
  });

  it('redacts an error message and stack, logged alone or under err', () => {
    const { logger, lines, json } = capture();
    logger.error(new Error(`request failed for ${KEY}`));
    logger.error({ err: new Error(`again ${KEY}`) }, 'failed');
    expect(lines.join('')).not.toContain(KEY);
    expect(json()[0]).toMatchObject({
      err: { type: 'Error' },
      msg: expect.stringContaining('request failed for'),
    });
    expect(json()[1].err.message).toMatch(/^again /);
  });

  it('redacts printf-style arguments', () => {
    const { logger, lines } = capture();
    logger.info('key was %s', KEY);
    expect(lines.join('')).not.toContain(KEY);
  });

  it('drops lines below the configured level', () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'warn', destination: stream as never });
    logger.info('chatty');
    logger.warn('important');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['important']);
  });

  it('writes to a file (console mode) so the chat is not garbled', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kd-log-'));
    dirs.push(dir);
    const file = path.join(dir, 'sub', 'keydoctor.log');
    const logger = createLogger({ level: 'info', destination: { file } });
    logger.info('to the file');
    logger.flush();
    expect(JSON.parse(readFileSync(file, 'utf8')).msg).toBe('to the file');
  });
});
