import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as diagnose } from '../../src/cli/diagnose.ts';
import { reportFailure, runCli } from '../../src/cli/run-cli.ts';
import { memoryIo } from './memory-io.ts';

// built at run time so no scanner-shaped key sits in the repo; no FAKE/xxxx marker, or the engine
// rightly treats it as a placeholder rather than a live key
const LIVE_BODY = ['Qw7Zm9Lp', 'Vb3Nk8Rt', 'Hy6Jd2Gs'].join('');
const LIVE_KEY = `${'sk_'}${'live_'}${LIVE_BODY}Zq9W`;
const BARE_KEY_CURL =
  'curl -H "Authorization: sk-test-FAKEFAKEFAKEFAKE1234" https://api.openai.com/v1/models -> 401 Unauthorized';

describe('keydoctor diagnose on the shipped knowledge base', () => {
  it('GIVEN a bare key in the Authorization header THEN the top cause is the missing Bearer prefix', async () => {
    const io = memoryIo({ tty: true });
    expect(await diagnose(['--json', BARE_KEY_CURL], io)).toBe(0);
    const json = JSON.parse(io.out());
    expect(json.ranked[0].causeId).toBe('missing-bearer-prefix');
    // a learned score is a logit, whose zero means nothing: the top cause leads and says why
    expect(json.ranked[0].confidence).toBeGreaterThan(json.ranked[1].confidence);
    expect(json.ranked[0].reasons.length).toBeGreaterThan(0);
    expect(json.evidence.signals.map((s: { signal: string }) => s.signal)).toContain('scheme:none');
  });

  it('GIVEN a pasted live key THEN neither the text nor the JSON output contains it', async () => {
    const text = `stripe says 401 Invalid API Key provided: ${LIVE_KEY}`;
    const plain = memoryIo({ tty: true });
    const json = memoryIo({ tty: true });
    await diagnose([text], plain);
    await diagnose(['--json', text], json);
    for (const out of [plain.out(), json.out()]) {
      expect(out).not.toContain(LIVE_KEY);
      expect(out).not.toContain(LIVE_BODY);
    }
  });

  it('GIVEN a pasted live key THEN the JSON lists its fingerprint with the last four characters only', async () => {
    const io = memoryIo({ tty: true });
    await diagnose(['--json', `401 with key ${LIVE_KEY}`], io);
    const { credentials } = JSON.parse(io.out()).evidence;
    expect(credentials[0]).toMatchObject({ provider: 'stripe', last4: 'Zq9W', live: true });
  });

  it('GIVEN a pasted live key THEN the text output tells the user to rotate it', async () => {
    const io = memoryIo({ tty: true });
    await diagnose([`401 with key ${LIVE_KEY}`], io);
    expect(io.out()).toMatch(/treat it as leaked/i);
  });
});

describe('keydoctor diagnose with a broken knowledge folder', () => {
  it('GIVEN a folder that is not a knowledge base THEN the failure names the problem without a stack', async () => {
    const io = memoryIo({ tty: true });
    const missing = join(tmpdir(), 'keydoctor-no-such-knowledge');
    const code = await runCli(['diagnose', '--knowledge', missing, '401'], io).catch((e) =>
      reportFailure(e, io),
    );
    expect(code).toBe(1);
    expect(io.err()).toContain(missing);
    expect(io.err()).not.toMatch(/^\s+at /m);
  });
});
