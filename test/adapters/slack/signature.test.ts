import { afterEach, describe, expect, it } from 'vitest';
import { eventEnvelope, mentionEvent, slashCommand } from '../../fakes/slack/fixtures.ts';
import { infoReply, scriptedService } from '../../fakes/slack/scripted-service.ts';
import { postCommand, postEvent, signature } from '../../fakes/slack/signed-requests.ts';
import { SIGNING_SECRET, type SlackTestBed, startSlackBed } from '../../fakes/slack/slack-test-bed.ts';

let bed: SlackTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

const SIX_MINUTES_S = 6 * 60;

async function bedWithRecorder() {
  const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
  bed = await startSlackBed({ service });
  return { bed, service };
}

describe('Slack HTTP mode request verification', () => {
  it('GIVEN an event with a wrong signature THEN it is refused and nothing is posted', async () => {
    const { bed, service } = await bedWithRecorder();
    const envelope = eventEnvelope(mentionEvent('getting 401'));
    const response = await postEvent(bed.adapter.eventsUrl()!, SIGNING_SECRET, envelope, {
      signature: signature('not-the-secret', Math.floor(Date.now() / 1000), JSON.stringify(envelope)),
    });
    await bed.adapter.idle();
    expect(response.status).toBe(401);
    expect(service.received).toHaveLength(0);
    expect(bed.fake.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
  });

  it('GIVEN a correctly signed event older than five minutes THEN it is refused and nothing is posted', async () => {
    const { bed, service } = await bedWithRecorder();
    const envelope = eventEnvelope(mentionEvent('getting 401'));
    const response = await postEvent(bed.adapter.eventsUrl()!, SIGNING_SECRET, envelope, {
      timestamp: Math.floor(Date.now() / 1000) - SIX_MINUTES_S,
    });
    await bed.adapter.idle();
    expect(response.status).toBe(401);
    expect(service.received).toHaveLength(0);
    expect(bed.fake.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
  });

  it('GIVEN a correctly signed event ten minutes in the future THEN it is refused and nothing is posted', async () => {
    const { bed, service } = await bedWithRecorder();
    const envelope = eventEnvelope(mentionEvent('getting 401'));
    const response = await postEvent(bed.adapter.eventsUrl()!, SIGNING_SECRET, envelope, {
      timestamp: Math.floor(Date.now() / 1000) + 10 * 60,
    });
    await bed.adapter.idle();
    expect(response.status).toBe(401);
    expect(service.received).toHaveLength(0);
  });

  it('GIVEN a slash command with a wrong signature THEN it is refused and nothing is posted', async () => {
    const { bed, service } = await bedWithRecorder();
    const fields = Object.fromEntries(
      Object.entries(slashCommand('getting 401', bed.fake.responseUrl('x'))).map(([k, v]) => [k, String(v)]),
    );
    const response = await postCommand(bed.adapter.eventsUrl()!, 'not-the-secret', fields);
    await bed.adapter.idle();
    expect(response.status).toBe(401);
    expect(service.received).toHaveLength(0);
    expect(bed.fake.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
  });

  it('GIVEN a correctly signed event THEN it is accepted (the checks above refuse for the right reason)', async () => {
    const { bed, service } = await bedWithRecorder();
    const response = await postEvent(
      bed.adapter.eventsUrl()!,
      SIGNING_SECRET,
      eventEnvelope(mentionEvent('getting 401')),
    );
    await bed.adapter.idle();
    expect(response.status).toBe(200);
    expect(service.received).toHaveLength(1);
  });

  it("GIVEN Slack's url_verification THEN the challenge is echoed", async () => {
    const { bed } = await bedWithRecorder();
    const response = await postEvent(bed.adapter.eventsUrl()!, SIGNING_SECRET, {
      type: 'url_verification',
      token: 'fake',
      challenge: 'fake-challenge-123',
    });
    expect(response.status).toBe(200);
    expect(response.body).toContain('fake-challenge-123');
  });
});
