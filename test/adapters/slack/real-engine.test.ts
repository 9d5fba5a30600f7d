/**
 * Slack with the real engine on the shipped knowledge base: typed walks, typed feedback, and
 * credentials of many shapes. Assertions are structural, so they hold whatever the knowledge says.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestService } from '../../contract/real-engine.ts';
import { visibleText } from '../../fakes/slack/flatten.ts';
import { buttonsOf, type SlackTestBed, startSlackBed } from '../../fakes/slack/slack-test-bed.ts';

let bed: SlackTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

const MAX_QUESTIONS = 5;
const CLEAR_SYMPTOM =
  'curl -H "Authorization: Bearer undefined" https://api.openai.com/v1/models returns 401 Unauthorized';

const choicesOfLast = (b: SlackTestBed) => buttonsOf(b.visible().at(-1)!);
const isDiagnosis = (b: SlackTestBed) => choicesOfLast(b).some((c) => c.value === 'feedback:broken');

/** Clicks "not sure" on each question (whether the scorer asks first depends on its training) until a diagnosis. */
async function notSureUntilDiagnosis(b: SlackTestBed): Promise<void> {
  for (let i = 0; i < MAX_QUESTIONS && !isDiagnosis(b); i++) {
    const notSure = choicesOfLast(b).find((c) => /^answer:.+:unknown$/.test(c.value ?? ''));
    expect(notSure).toBeDefined();
    await b.click(notSure!.value!);
  }
}

/** Key shapes assembled at run time: no scanner-shaped literal sits in the repo. */
const KEYS: Record<string, string> = {
  openai: `${'sk-'}${'proj-'}Q7mZ${'a1B2'.repeat(10)}`,
  stripe: `${'sk_'}${'live_'}${'51Hq'.repeat(6)}`,
  github: `${'gh'}${'p_'}${'Zy9X'.repeat(9)}`,
  aws: `${'AK'}${'IA'}${'QWER7TYU2IOP4ASD'}`,
  slack: `${'xox'}${'b-'}1234567890-1234567890-${'Ab3d'.repeat(6)}`,
  google: `${'AI'}${'za'}${'Sy3x'.repeat(8)}abc`,
};

describe('Slack with the real engine', () => {
  it('GIVEN a vague symptom THEN typing answers in the thread walks to a diagnosis with numbered steps', async () => {
    bed = await startSlackBed({ service: createTestService() });
    const { ts } = await bed.mention('getting 401 from the API');
    for (let i = 0; i < MAX_QUESTIONS && !isDiagnosis(bed); i++) {
      const answers = choicesOfLast(bed).filter(
        (c) => c.value?.startsWith('answer:') && !/:unknown$/.test(c.value),
      );
      expect(answers.length).toBeGreaterThan(0);
      await bed.reply(ts, answers[0]!.text!.text!);
    }
    expect(isDiagnosis(bed)).toBe(true);
    expect(visibleText(bed.visible().at(-1)!)).toMatch(/^1\. /m);
    expect(bed.visible().every((m) => m.thread_ts === ts)).toBe(true);
  });

  it('GIVEN a diagnosis THEN typing "that didn\'t fix it" moves on to something else', async () => {
    bed = await startSlackBed({ service: createTestService() });
    const { ts } = await bed.mention(CLEAR_SYMPTOM);
    await notSureUntilDiagnosis(bed);
    expect(isDiagnosis(bed)).toBe(true);
    const first = bed.visible().at(-1)!;
    const firstText = visibleText(first);
    await bed.reply(ts, "that didn't fix it");
    const next = bed.visible().at(-1)!;
    expect(next.ts).not.toBe(first.ts);
    expect(visibleText(next)).not.toBe(firstText);
  });

  it('GIVEN the whole walk THEN Slack accepted every message the bot sent', async () => {
    bed = await startSlackBed({ service: createTestService() });
    await bed.mention(CLEAR_SYMPTOM);
    await notSureUntilDiagnosis(bed);
    await bed.click('feedback:broken');
    const sent = bed.fake.calls.filter((c) => c.method.startsWith('chat.'));
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.map((c) => c.outcome).filter((o) => o !== 'ok')).toEqual([]);
  });

  it.each(Object.keys(KEYS))(
    'GIVEN a pasted %s key THEN nothing the bot sends contains it and the user is warned privately',
    async (provider) => {
      bed = await startSlackBed({ service: createTestService() });
      const key = KEYS[provider]!;
      const { ts } = await bed.mention('getting 401 from the API');
      await bed.reply(ts, `here is the exact key I use: ${key}`);
      const raw = bed.fake.rawOutbound();
      expect(raw).not.toContain(key);
      expect(raw).not.toContain(key.slice(6, -4));
      expect(bed.ephemerals().length).toBe(1);
      expect(bed.ephemerals()[0]?.thread_ts).toBe(ts);
    },
  );
});
