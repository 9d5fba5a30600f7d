import { describe, expect, it } from 'vitest';
import { buildAnswerMatcher, matchAnswer } from '../../src/engine/answer-match.ts';
import { questionSchema } from '../../src/knowledge/schema.ts';

const question = questionSchema.parse({
  id: 'q-where',
  text: 'Where does it fail?',
  answers: [
    {
      id: 'deployed',
      label: 'Works locally, fails deployed',
      synonyms: ['docker', 'production', 'vercel'],
      next: ['a'],
    },
    { id: 'browser', label: 'Only in the browser', synonyms: ['frontend', 'react'], next: ['b'] },
    { id: 'everywhere', label: 'Everywhere, even in curl', synonyms: ['curl too'], next: ['c'] },
  ],
});
const yesNo = questionSchema.parse({
  id: 'q-yes',
  text: 'Did it ever work?',
  answers: [
    { id: 'yes', label: 'Yes, it used to work', next: ['a'] },
    { id: 'no', label: 'No, never', next: ['b'] },
  ],
});
const m = buildAnswerMatcher(question);
const match = (text: string) => matchAnswer(m, text);

describe('typed answers', () => {
  it.each([
    ['1', 'deployed'],
    ['2.', 'browser'],
    ['#3', 'everywhere'],
  ])('reads the number "%s" as answer %s', (text, id) => {
    expect(match(text)).toBe(id);
  });

  it('reads the number after the last answer as "Not sure"', () => {
    expect(match('4')).toBe('unknown');
  });

  it('rejects a number out of range', () => {
    expect(match('9')).toBeUndefined();
  });

  it('reads the exact label, ignoring case and punctuation', () => {
    expect(match('only in the BROWSER!')).toBe('browser');
  });

  it('reads a synonym', () => {
    expect(match('vercel')).toBe('deployed');
  });

  it('reads words that cover an answer', () => {
    expect(match('it fails when deployed but works locally')).toBe('deployed');
  });

  it('reads a misspelt synonym', () => {
    expect(match('fronted')).toBe('browser');
  });

  it('reads "not sure" and its variants', () => {
    for (const t of ['not sure', "don't know", 'idk', 'skip']) expect(match(t)).toBe('unknown');
  });

  it('reads yes and no for a yes/no question', () => {
    const yn = buildAnswerMatcher(yesNo);
    expect(matchAnswer(yn, 'yep')).toBe('yes');
    expect(matchAnswer(yn, 'nope')).toBe('no');
  });

  it('reads one of the alternatives a label lists', () => {
    const q = questionSchema.parse({
      id: 'q-print',
      text: 'What do you see?',
      answers: [
        { id: 'unset', label: 'undefined / None / empty', next: ['a'] },
        { id: 'fine', label: 'The key I expect', next: ['b'] },
      ],
    });
    expect(matchAnswer(buildAnswerMatcher(q), 'it is None')).toBe('unset');
  });

  it('reads the answer the typed words imply as evidence', () => {
    const q = questionSchema.parse({
      id: 'q-w',
      text: 'Where?',
      answers: [
        { id: 'local', label: 'Works locally only', implied_by: ['timeline:works-locally'], next: ['a'] },
        { id: 'laptop', label: 'Fails on my laptop', synonyms: ['laptop'], next: ['b'] },
      ],
    });
    expect(
      matchAnswer(buildAnswerMatcher(q), 'it works on my laptop, not on the server', [
        'timeline:works-locally',
      ]),
    ).toBe('local');
  });

  it('prefers the answer whose phrase matches more of the typed words', () => {
    expect(match('curl too, everywhere')).toBe('everywhere');
  });

  it('does not read an unrelated sentence as an answer', () => {
    expect(match('my cat walked over the keyboard')).toBeUndefined();
  });
});
