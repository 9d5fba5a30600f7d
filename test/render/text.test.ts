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
    // the paragraph is wrapped to the width, so read it with its line breaks folded
    expect(text.replace(/\s+/g, ' ')).toContain('RFC 6750 (https://www.rfc-editor.org/rfc/rfc6750)');
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

describe('renderText at a terminal width', () => {
  const LONG = 'word '.repeat(60).trim();
  const reply: Reply = {
    kind: 'diagnosis',
    heading: `A heading that runs on well past seventy-two characters, as some causes' titles do`,
    blocks: [
      { type: 'text', text: LONG },
      { type: 'evidence', title: 'Why I think so', items: [LONG] },
      {
        type: 'steps',
        title: 'How to fix it',
        items: [{ text: LONG, code: { language: 'bash', code: `echo ${LONG}` } }],
      },
      { type: 'warning', text: LONG },
    ],
    choices: [{ id: 'a', label: LONG }],
  };

  for (const width of [80, 120]) {
    it(`GIVEN width ${width} THEN no prose line is wider, and code lines are left whole`, () => {
      const lines = renderText(reply, { width }).split('\n');
      const code = lines.filter((l) => l.includes('echo'));
      expect(code).toHaveLength(1);
      expect(lines.filter((l) => !l.includes('echo')).every((l) => l.length <= width)).toBe(true);
    });
  }

  it('GIVEN a wrapped list item or step THEN its continuation lines hang under its text', () => {
    const lines = renderText(reply, { width: 80 }).split('\n');
    const bullet = lines.findIndex((l) => l.startsWith('  - word'));
    expect(lines[bullet + 1]).toMatch(/^ {4}word/);
    const step = lines.findIndex((l) => l.startsWith('  1. word'));
    expect(lines[step + 1]).toMatch(/^ {5}word/);
    const choice = lines.findIndex((l) => l.startsWith('  1) word'));
    expect(lines[choice + 1]).toMatch(/^ {5}word/);
  });

  it('GIVEN a heading over the width THEN it wraps and its underline is as long as its longest line', () => {
    const lines = renderText(reply, { width: 60 }).split('\n');
    const underline = lines.findIndex((l) => /^-+$/.test(l));
    const heading = lines.slice(0, underline);
    expect(heading.length).toBeGreaterThan(1);
    expect(lines[underline]!.length).toBe(Math.max(...heading.map((l) => l.length)));
  });

  it('GIVEN colour THEN escape codes do not count toward the width', () => {
    const lines = renderText(reply, { width: 80, color: true })
      .split('\n')
      .map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(lines.filter((l) => !l.includes('echo')).every((l) => l.length <= 80)).toBe(true);
  });
});
