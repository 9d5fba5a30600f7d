import { describe, expect, it } from 'vitest';
import { redactedJson, redactDeep } from '../../src/redaction/redact-json.ts';
import { FAKE } from '../engine/fixtures/fake-keys.ts';

const leaks = (json: string, key: string) => json.includes(key) || json.includes(key.slice(8, -4));

describe('redactedJson', () => {
  it('replaces a credential in a value, in a key and in a nested array, and the result is JSON', () => {
    const key = FAKE.openai();
    const value = { text: `my key is ${key}`, nested: [{ [key]: 'as a key' }], n: 1, flag: true, none: null };
    const json = redactedJson(value);
    expect(leaks(json, key)).toBe(false);
    expect(JSON.parse(json)).toMatchObject({ n: 1, flag: true, none: null });
  });

  it('redacts the same secret again when it comes back after clean text was remembered', () => {
    const key = FAKE.anthropic();
    const state = { transcript: ['401 from the API', 'it says invalid x-api-key'] };
    expect(redactedJson(state)).toBe(JSON.stringify(state));
    // the clean strings are remembered; a string that carries a key is never taken for one of them
    const later = { transcript: [...state.transcript, `x-api-key: ${key}`] };
    expect(leaks(redactedJson(later), key)).toBe(false);
    expect(leaks(redactedJson(later), key)).toBe(false);
  });

  it('scans each string as the text it is: a key wrapped over a real newline is found', () => {
    const key = FAKE.openai();
    const wrapped = `Authorization: Bearer ${key.slice(0, 30)}\n${key.slice(30)}`;
    expect(leaks(redactedJson({ text: wrapped }), key)).toBe(false);
    expect(JSON.stringify(redactDeep({ text: wrapped }))).not.toContain(key.slice(30));
  });

  it('withholds a credential field on every save, once its name is remembered as clean text', () => {
    // a short password looks like nothing on its own: only the field's name says what it is
    const saves = [1, 2, 3].map(() => redactedJson({ apiKey: 'hunter2', password: 'pw', note: 'hunter2' }));
    for (const json of saves) {
      expect(JSON.parse(json)).toEqual({ apiKey: '[credential]', password: '[credential]', note: 'hunter2' });
    }
    // names that only talk about credentials keep their values, remembered or not
    for (let i = 0; i < 2; i++) expect(JSON.parse(redactedJson({ maxTokens: 5 }))).toEqual({ maxTokens: 5 });
  });
});
