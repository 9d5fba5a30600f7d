import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { eventEnvelope, mentionEvent, slashCommand } from '../../fakes/slack/fixtures.ts';
import { buttonsOf, type SlackTestBed, startSlackBed } from '../../fakes/slack/slack-test-bed.ts';

let bed: SlackTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

describe('Slack Socket Mode', () => {
  it('GIVEN an app token THEN the adapter opens a connection through apps.connections.open and is ready after hello', async () => {
    bed = await startSlackBed({ mode: 'socket' });
    expect(bed.fake.calls.map((c) => c.method)).toContain('apps.connections.open');
    expect(bed.adapter.isReady()).toBe(true);
    expect(bed.adapter.eventsUrl()).toBeUndefined();
  });

  it('GIVEN an events_api envelope THEN it is acked by envelope id and the reply is posted in the thread', async () => {
    bed = await startSlackBed({ mode: 'socket' });
    const event = mentionEvent('getting 401 from the API');
    const ack = await bed.fake.socket.deliver('events_api', eventEnvelope(event));
    await bed.adapter.idle();
    expect(bed.fake.socket.acks.map((a) => a.envelope_id)).toContain(ack.envelope_id);
    expect(bed.visible()[0]?.thread_ts).toBe(event.ts);
  });

  it('GIVEN a slash_commands envelope THEN it is acked and the diagnosis is posted in the channel', async () => {
    bed = await startSlackBed({ mode: 'socket' });
    await bed.fake.socket.deliver('slash_commands', slashCommand('getting 401', bed.fake.responseUrl('c')));
    await bed.adapter.idle();
    expect(bed.fake.calls.filter((c) => c.method === 'chat.update')).toHaveLength(1);
  });

  it('GIVEN an interactive envelope for a button THEN the conversation continues', async () => {
    bed = await startSlackBed({ mode: 'socket' });
    await bed.mention('getting 401 from the API');
    await bed.click('answer:where:local');
    expect(buttonsOf(bed.visible().at(-1)!).map((b) => b.value)).toEqual([
      'feedback:fixed',
      'feedback:broken',
    ]);
  });

  it('GIVEN the adapter is stopped THEN it is no longer ready', async () => {
    bed = await startSlackBed({ mode: 'socket' });
    await bed.adapter.stop();
    expect(bed.adapter.isReady()).toBe(false);
  });

  it('GIVEN debug logging THEN a key inside an envelope never reaches the logs, though the envelope is logged', async () => {
    let logged = '';
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    bed = await startSlackBed({ mode: 'socket', logger: pino({ level: 'debug' }, stream) });
    const key = `${'sk-'}${'proj-'}Q7mZ${'a1B2'.repeat(10)}`;
    await bed.mention(`my key ${key} returns 401`);
    expect(logged).toContain('returns 401');
    expect(logged).not.toContain(key);
  });
});
