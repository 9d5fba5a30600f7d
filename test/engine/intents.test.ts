import { describe, expect, it } from 'vitest';
import { detectIntent } from '../../src/engine/intents.ts';

describe('typed commands', () => {
  it.each([
    ['start over', 'restart'],
    ['reset', 'restart'],
    ['help', 'help'],
    ['help?', 'help'],
    ['can I talk to a person?', 'human'],
    ['escalate please', 'human'],
    ['fixed it', 'fixed'],
    ['thanks, that fixed it!', 'fixed'],
    ['it works now', 'fixed'],
    ['it works with the new key', 'fixed'],
    ['fixed it manually', 'fixed'],
    ["that didn't fix it", 'broken'],
    ['still 401', 'broken'],
    ['no luck', 'broken'],
    ['same error', 'broken'],
  ])('reads "%s" as %s', (text, intent) => {
    expect(detectIntent(text)).toBe(intent);
  });

  it('does not read a description that starts with "reset" as a command', () => {
    expect(detectIntent('reset my key and still 401')).not.toBe('restart');
  });

  it.each([
    'it works on my laptop but fails in docker',
    'works locally, 401 on vercel',
    'it worked yesterday but now 401',
    'works in curl, fails in the browser',
    'it worked yesterday',
    'it works when I hard-code the key',
    'works with a hardcoded key',
    'it works with curl',
    'works in postman',
    'it works if I paste the key directly',
  ])('does not read the symptom "%s" as fixed', (text) => {
    expect(detectIntent(text)).not.toBe('fixed');
  });

  it('reads nothing into an ordinary description', () => {
    expect(detectIntent('my api key returns 401 from the server')).toBeUndefined();
  });

  it('does not take a long description that mentions reset for a command', () => {
    expect(
      detectIntent(`reset the password and ${'then the key fails with 401 '.repeat(5)}`),
    ).toBeUndefined();
  });
});
