/**
 * The conversation every adapter must hold. Each adapter's test file calls
 * `runAdapterContract(descriptor)` with a descriptor that starts the adapter (and its fake platform)
 * on the real engine (see real-engine.ts). Assertions are structural (choice ids, numbered steps,
 * what changed) so the suite holds whatever the knowledge base says word for word.
 *
 * Expectations on a harness: `say`/`choose` resolve once the bot has answered (the suite also waits a
 * little for late messages); every post or update the user would see appears in `messages()` in order.
 */
import { describe, expect, it } from 'vitest';
import type { AdapterDescriptor, ContractHarness, ContractMessage } from './harness.ts';

/** How long to wait for a reply the harness has not delivered yet (not a speed assertion). */
const REPLY_WAIT_MS = 5_000;
const POLL_MS = 10;
/** Quiet time after which a multi-part reply counts as complete. */
const SETTLE_MS = 30;
/** A real conversation reaches a diagnosis within a few questions. */
const MAX_QUESTIONS = 4;

const VAGUE_SYMPTOM = 'getting 401 from the API';
/** A bare key without `Bearer `: the engine should go straight (or nearly) to a diagnosis. */
const CLEAR_SYMPTOM =
  'curl -H "Authorization: sk-test-FAKEFAKEFAKEFAKE1234" https://api.openai.com/v1/models returns 401 Unauthorized';

const STACK_LINE = /^\s+at .+[(:]/m;
const ERROR_PREFIX = /\b(Type|Reference|Syntax|Range)?Error: /;
/** How a warning tells the user to replace a leaked key: rotate, revoke, treat as leaked. */
const ROTATE_WORDS = /rotat|revok|leaked/i;
/** An adapter's generic failure line is not a helpful answer to an empty message. */
const FAILURE_WORDS = /went wrong|internal error|unexpected error/i;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until at least one message beyond `before` exists (or the wait runs out) and no more arrive
 * for a moment (a reply may come in parts: a private warning, then the answer); returns the new ones.
 */
export async function newMessages(h: ContractHarness, before: number): Promise<ContractMessage[]> {
  const deadline = Date.now() + REPLY_WAIT_MS;
  while (h.messages().length <= before && Date.now() < deadline) await sleep(POLL_MS);
  let count = h.messages().length;
  for (;;) {
    await sleep(SETTLE_MS);
    if (h.messages().length === count || Date.now() >= deadline) break;
    count = h.messages().length;
  }
  return h.messages().slice(before);
}

export function isQuestion(m: ContractMessage): boolean {
  return m.choices.filter((c) => c.id.startsWith('answer:')).length >= 2;
}

export function isDiagnosis(m: ContractMessage): boolean {
  const ids = m.choices.map((c) => c.id);
  return ids.includes('feedback:fixed') && ids.includes('feedback:broken');
}

/** The last message among `msgs` that asks something (a question or a diagnosis awaiting feedback). */
export function lastPrompt(msgs: ContractMessage[]): ContractMessage | undefined {
  return [...msgs].reverse().find((m) => isQuestion(m) || isDiagnosis(m));
}

/** An answer that moves the dialogue on: not "I don't know". */
export function firstRealAnswer(m: ContractMessage): { id: string; label: string } {
  const answers = m.choices.filter((c) => c.id.startsWith('answer:'));
  const real = answers.find(
    (c) => !/:unknown$|:not-sure$|:dont-know$/.test(c.id) && !/not sure|don.?t know/i.test(c.label),
  );
  return real ?? answers[0]!;
}

/** Says `text`, returns the new messages. */
export async function sayAndWait(h: ContractHarness, text: string): Promise<ContractMessage[]> {
  const before = h.messages().length;
  await h.say(text);
  return newMessages(h, before);
}

/** Chooses `choiceId`, returns the new messages. */
export async function chooseAndWait(h: ContractHarness, choiceId: string): Promise<ContractMessage[]> {
  const before = h.messages().length;
  await h.choose(choiceId);
  return newMessages(h, before);
}

/** Answers questions (first real answer each time) until a diagnosis arrives; returns it or undefined. */
/** The "not sure" answer of a question (a user who cannot tell), else its first answer. */
export function notSureAnswer(m: ContractMessage): { id: string; label: string } {
  const answers = m.choices.filter((c) => c.id.startsWith('answer:'));
  return answers.find((c) => /:unknown$/.test(c.id)) ?? answers[0]!;
}

export async function answerUntilDiagnosis(
  h: ContractHarness,
  first: ContractMessage[],
  pick: (m: ContractMessage) => { id: string } = firstRealAnswer,
): Promise<ContractMessage | undefined> {
  let prompt = lastPrompt(first);
  for (let i = 0; i <= MAX_QUESTIONS && prompt; i++) {
    if (isDiagnosis(prompt)) return prompt;
    prompt = lastPrompt(await chooseAndWait(h, pick(prompt).id));
  }
  return prompt && isDiagnosis(prompt) ? prompt : undefined;
}

/** Steps numbered "1." and "2." (a choice menu may use "1)", so the dot is required). */
function hasNumberedSteps(text: string): boolean {
  return /(^|\n)\s*(\*\*)?1\.(\*\*)?\s/.test(text) && /(^|\n)\s*(\*\*)?2\.(\*\*)?\s/.test(text);
}

function longestLine(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .reduce((a, b) => (b.length > a.length ? b : a), '');
}

async function withHarness(descriptor: AdapterDescriptor, body: (h: ContractHarness) => Promise<void>) {
  const h = await descriptor.setup();
  try {
    await body(h);
  } finally {
    await h.close();
  }
}

/** Declares the shared adapter contract suite for one adapter. */
export function runAdapterContract(descriptor: AdapterDescriptor): void {
  describe(`adapter contract: ${descriptor.name}`, () => {
    it('GIVEN a vague symptom THEN the bot asks a question with at least two answer choices', async () => {
      await withHarness(descriptor, async (h) => {
        const prompt = lastPrompt(await sayAndWait(h, VAGUE_SYMPTOM));
        expect(prompt && isQuestion(prompt)).toBe(true);
        expect(prompt!.text.trim().length).toBeGreaterThan(0);
      });
    });

    it('GIVEN a question answered by clicking THEN a diagnosis with numbered steps and feedback choices follows', async () => {
      await withHarness(descriptor, async (h) => {
        const first = await sayAndWait(h, VAGUE_SYMPTOM);
        const diagnosis = await answerUntilDiagnosis(h, first);
        expect(diagnosis).toBeDefined();
        expect(hasNumberedSteps(diagnosis!.text)).toBe(true);
      });
    });

    it('GIVEN a diagnosis THEN "it is fixed" feedback is acknowledged', async () => {
      await withHarness(descriptor, async (h) => {
        const diagnosis = await answerUntilDiagnosis(h, await sayAndWait(h, VAGUE_SYMPTOM));
        expect(diagnosis).toBeDefined();
        const after = await chooseAndWait(h, 'feedback:fixed');
        const visible = after.filter((m) => m.text.trim().length > 0);
        expect(visible.length).toBeGreaterThan(0);
        // an acknowledgement, not the same diagnosis asking for feedback again
        expect(visible.some((m) => isDiagnosis(m))).toBe(false);
      });
    });

    it('GIVEN a clear symptom THEN a diagnosis arrives within a few questions', async () => {
      await withHarness(descriptor, async (h) => {
        const diagnosis = await answerUntilDiagnosis(h, await sayAndWait(h, CLEAR_SYMPTOM), notSureAnswer);
        expect(diagnosis).toBeDefined();
        expect(hasNumberedSteps(diagnosis!.text)).toBe(true);
      });
    });

    it('GIVEN "that did not fix it" THEN the bot moves on to a different cause', async () => {
      await withHarness(descriptor, async (h) => {
        const diagnosis = await answerUntilDiagnosis(h, await sayAndWait(h, CLEAR_SYMPTOM), notSureAnswer);
        expect(diagnosis).toBeDefined();
        const after = await chooseAndWait(h, 'feedback:broken');
        const next = lastPrompt(after) ?? after.at(-1);
        expect(next).toBeDefined();
        expect(next!.text.trim().length).toBeGreaterThan(0);
        expect(next!.text).not.toBe(diagnosis!.text);
        // the next answer (another diagnosis, a question or a hand-off) is about something else:
        // the cause's longest sentence (its explanation) is not repeated
        expect(next!.text).not.toContain(longestLine(diagnosis!.text));
      });
    });

    it('GIVEN a pasted live-looking key THEN the bot never sends it back and warns to rotate it', async () => {
      await withHarness(descriptor, async (h) => {
        // built at run time so no scanner-shaped key sits in the repo; no FAKE/xxxx marker, or the
        // engine rightly treats it as a placeholder instead of a live key
        const body = ['Qw7Zm9Lp', 'Vb3Nk8Rt', 'Hy6Jd2Gs', 'Ue4Wc5Fa', 'Xo1Ti0Pm'].join('');
        const key = `${'sk-'}${'proj-'}${body}`;
        const msgs = await sayAndWait(h, `my key ${key} gives 401 Incorrect API key provided`);
        expect(msgs.length).toBeGreaterThan(0);
        const raw = h.rawOutbound();
        expect(raw).not.toContain(key);
        // everything but the last four characters, which a fingerprint may show
        expect(raw).not.toContain(body.slice(0, -4));
        expect(raw).not.toContain('Vb3Nk8Rt');
        expect(h.messages().some((m) => ROTATE_WORDS.test(m.text))).toBe(true);
      });
    });

    it('GIVEN an empty or whitespace-only message THEN a helpful reply arrives and no error leaks', async () => {
      await withHarness(descriptor, async (h) => {
        const msgs = await sayAndWait(h, '   ');
        const visible = msgs.filter((m) => m.text.trim().length > 0);
        expect(visible.length).toBeGreaterThan(0);
        for (const m of visible) {
          expect(m.text).not.toMatch(STACK_LINE);
          expect(m.text).not.toMatch(ERROR_PREFIX);
          expect(m.text).not.toMatch(FAILURE_WORDS);
        }
      });
    });

    it('GIVEN an empty message THEN the conversation still works afterwards', async () => {
      await withHarness(descriptor, async (h) => {
        await sayAndWait(h, '');
        const prompt = lastPrompt(await sayAndWait(h, VAGUE_SYMPTOM));
        expect(prompt && (isQuestion(prompt) || isDiagnosis(prompt))).toBe(true);
      });
    });

    it('GIVEN "start over" mid-conversation THEN the bot acknowledges the reset', async () => {
      await withHarness(descriptor, async (h) => {
        const question = lastPrompt(await sayAndWait(h, VAGUE_SYMPTOM));
        expect(question && isQuestion(question)).toBe(true);
        const after = await sayAndWait(h, 'start over');
        const visible = after.filter((m) => m.text.trim().length > 0);
        expect(visible.length).toBeGreaterThan(0);
        // not the pending question asked again
        expect(visible.some((m) => isQuestion(m))).toBe(false);
      });
    });

    it('GIVEN "start over" THEN the next symptom starts a fresh diagnosis', async () => {
      let fresh: ContractMessage | undefined;
      await withHarness(descriptor, async (h) => {
        fresh = lastPrompt(await sayAndWait(h, CLEAR_SYMPTOM));
      });
      expect(fresh).toBeDefined();
      await withHarness(descriptor, async (h) => {
        const q = lastPrompt(await sayAndWait(h, VAGUE_SYMPTOM));
        if (q && isQuestion(q)) await chooseAndWait(h, firstRealAnswer(q).id);
        await sayAndWait(h, 'start over');
        const again = lastPrompt(await sayAndWait(h, CLEAR_SYMPTOM));
        expect(again).toBeDefined();
        expect(again!.choices.map((c) => c.id)).toEqual(fresh!.choices.map((c) => c.id));
        expect(again!.text).toContain(longestLine(fresh!.text));
      });
    });

    it('GIVEN a question THEN typing the number of an answer is accepted like a click', async () => {
      let clicked: ContractMessage | undefined;
      await withHarness(descriptor, async (h) => {
        const q = lastPrompt(await sayAndWait(h, VAGUE_SYMPTOM));
        expect(q && isQuestion(q)).toBe(true);
        clicked = lastPrompt(await chooseAndWait(h, q!.choices[0]!.id));
      });
      expect(clicked).toBeDefined();
      await withHarness(descriptor, async (h) => {
        await sayAndWait(h, VAGUE_SYMPTOM);
        const typed = lastPrompt(await sayAndWait(h, '1'));
        expect(typed).toBeDefined();
        expect(typed!.choices.map((c) => c.id)).toEqual(clicked!.choices.map((c) => c.id));
        expect(typed!.text).toContain(longestLine(clicked!.text));
      });
    });

    it("GIVEN a question THEN typing an answer's words is accepted like a click", async () => {
      let clicked: ContractMessage | undefined;
      let label = '';
      await withHarness(descriptor, async (h) => {
        const q = lastPrompt(await sayAndWait(h, VAGUE_SYMPTOM));
        expect(q && isQuestion(q)).toBe(true);
        const answer = firstRealAnswer(q!);
        label = answer.label;
        clicked = lastPrompt(await chooseAndWait(h, answer.id));
      });
      expect(clicked).toBeDefined();
      await withHarness(descriptor, async (h) => {
        await sayAndWait(h, VAGUE_SYMPTOM);
        const typed = lastPrompt(await sayAndWait(h, label));
        expect(typed).toBeDefined();
        expect(typed!.choices.map((c) => c.id)).toEqual(clicked!.choices.map((c) => c.id));
        expect(typed!.text).toContain(longestLine(clicked!.text));
      });
    });
  });
}
