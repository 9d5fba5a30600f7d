/**
 * The whole conversation in a thread, through the real Bolt and the scripted engine: question,
 * answer (clicked or typed), diagnosis, feedback. The real engine's walk is covered by the contract.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { visibleText } from '../../fakes/slack/flatten.ts';
import { buttonsOf, type SlackTestBed, startSlackBed } from '../../fakes/slack/slack-test-bed.ts';

let bed: SlackTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

function choiceIds(bed: SlackTestBed): string[] {
  return buttonsOf(bed.visible().at(-1)!).map((b) => b.value ?? '');
}

describe('Slack: a conversation walked to a fix', () => {
  it('GIVEN a vague symptom THEN the follow-up question comes with one button per answer', async () => {
    bed = await startSlackBed();
    await bed.mention('getting 401 from the API');
    expect(choiceIds(bed)).toEqual(['answer:where:local', 'answer:where:deployed', 'answer:where:unknown']);
  });

  it('GIVEN the question answered by a click THEN a diagnosis with numbered steps and feedback buttons follows in the thread', async () => {
    bed = await startSlackBed();
    const { ts } = await bed.mention('getting 401 from the API');
    await bed.click('answer:where:deployed');
    const diagnosis = bed.visible().at(-1)!;
    expect(diagnosis.thread_ts).toBe(ts);
    expect(visibleText(diagnosis)).toContain('The key is not set where the code runs');
    expect(visibleText(diagnosis)).toMatch(/^1\. /m);
    expect(choiceIds(bed)).toEqual(['feedback:fixed', 'feedback:broken']);
  });

  it('GIVEN a click THEN the clicked question loses its buttons and shows what was chosen', async () => {
    bed = await startSlackBed();
    await bed.mention('getting 401 from the API');
    await bed.click('answer:where:local');
    const question = bed.visible()[0]!;
    expect(buttonsOf(question)).toEqual([]);
    expect(visibleText(question)).toContain('chose *On my own machine*');
  });

  it('GIVEN the question answered by typing its number in the thread THEN the same diagnosis follows', async () => {
    bed = await startSlackBed();
    const { ts } = await bed.mention('getting 401 from the API');
    await bed.reply(ts, '1');
    expect(visibleText(bed.visible().at(-1)!)).toContain('The key is not reaching your code');
  });

  it('GIVEN "Still broken" THEN the next candidate cause is diagnosed', async () => {
    bed = await startSlackBed();
    await bed.mention('getting 401 from the API');
    await bed.click('answer:where:local');
    const first = visibleText(bed.visible().at(-1)!);
    await bed.click('feedback:broken');
    const next = visibleText(bed.visible().at(-1)!);
    expect(next).not.toBe(first);
    expect(choiceIds(bed)).toEqual(['feedback:fixed', 'feedback:broken']);
  });

  it('GIVEN "Fixed it" THEN the bot acknowledges without asking for feedback again', async () => {
    bed = await startSlackBed();
    await bed.mention('getting 401 from the API');
    await bed.click('answer:where:local');
    await bed.click('feedback:fixed');
    const last = bed.visible().at(-1)!;
    expect(visibleText(last)).toContain('Glad it works');
    expect(buttonsOf(last)).toEqual([]);
  });

  it('GIVEN "start over" typed in the thread THEN the conversation resets', async () => {
    bed = await startSlackBed();
    const { ts } = await bed.mention('getting 401 from the API');
    await bed.reply(ts, 'start over');
    expect(visibleText(bed.visible().at(-1)!)).toContain('Starting over');
  });
});
