import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/engine/types.ts';
import { renderText } from '../../src/render/text.ts';
import { DIAGNOSIS } from './replies.ts';

const ESC = '\u001b[';

describe('renderText', () => {
  it('GIVEN a reply THEN the heading comes first, underlined', () => {
    const lines = renderText(DIAGNOSIS).split('\n');
    expect(lines[0]).toBe('The `Authorization` header lacks `Bearer `');
    expect(lines[1]).toMatch(/^-+$/);
  });

  it('GIVEN a warning block anywhere THEN it is printed before the other blocks', () => {
    const text = renderText(DIAGNOSIS);
    expect(text.indexOf('rotate it')).toBeLessThan(text.indexOf('scheme + key'));
    expect(text).toMatch(/!! You pasted a live key/);
  });

  it('GIVEN a warning over several lines THEN its later lines are indented under the first', () => {
    const reply: Reply = {
      kind: 'info',
      heading: 'Key',
      blocks: [{ type: 'warning', text: 'You pasted a live key.\n1. Revoke it.\n2. Create a new one.' }],
      choices: [],
    };
    expect(renderText(reply)).toContain(
      '!! You pasted a live key.\n   1. Revoke it.\n   2. Create a new one.',
    );
  });

  it('GIVEN colour and inline code in a warning THEN each warning line is one unbroken colour span', () => {
    const reply: Reply = {
      kind: 'info',
      heading: 'Key',
      blocks: [{ type: 'warning', text: 'A **live** key ending in `ab12` was pasted.\nRotate it.' }],
      choices: [],
    };
    const lines = renderText(reply, { color: true }).split('\n').slice(3);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^\u001b\[1;33m[^\u001b]*\u001b\[22;39m$/);
  });

  it('GIVEN evidence THEN it is a titled bullet list', () => {
    expect(renderText(DIAGNOSIS)).toContain(
      'Why I think so:\n  - your header is `Authorization: [openai secret key …ab12]`',
    );
  });

  it('GIVEN steps with code THEN steps are numbered and code is indented under its step', () => {
    expect(renderText(DIAGNOSIS)).toContain(
      'Fix it:\n  1. Add the scheme:\n       curl -i \\\n         -H "Authorization: Bearer $OPENAI_API_KEY"\n  2. Run the request again.',
    );
  });

  it('GIVEN choices THEN they end the text as a numbered menu', () => {
    expect(renderText(DIAGNOSIS)).toMatch(
      /Reply with a number or the words:\n {2}1\) That fixed it\n {2}2\) That didn't fix it$/,
    );
  });

  it('GIVEN inline markdown THEN bold markers go and links show their address', () => {
    const text = renderText(DIAGNOSIS);
    expect(text).toContain('scheme + key');
    expect(text).not.toContain('**');
    expect(text).toContain('RFC 6750 (https://www.rfc-editor.org/rfc/rfc6750)');
  });

  it('GIVEN no colour option THEN there are no escape codes', () => {
    expect(renderText(DIAGNOSIS)).not.toContain(ESC);
  });

  it('GIVEN color: true THEN escape codes style the text', () => {
    const text = renderText(DIAGNOSIS, { color: true });
    expect(text).toContain(ESC);
    expect(text.replace(/\u001b\[[\d;]*m/g, '')).toContain('Why I think so:');
  });
});
