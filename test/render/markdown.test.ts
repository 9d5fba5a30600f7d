import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.ts';
import { CODE_ONLY, DIAGNOSIS } from './replies.ts';

describe('renderMarkdown', () => {
  it('GIVEN a reply THEN the heading is a level-two heading', () => {
    expect(renderMarkdown(DIAGNOSIS)).toMatch(/^## The `Authorization` header lacks `Bearer `\n/);
  });

  it('GIVEN steps with code THEN the code is a fenced block indented under its numbered item', () => {
    expect(renderMarkdown(DIAGNOSIS)).toContain('1. Add the scheme:\n\n   ```bash\n   curl -i \\\n');
  });

  it('GIVEN a warning THEN it is a quoted bold warning', () => {
    expect(renderMarkdown(DIAGNOSIS)).toContain('> **Warning:** You pasted a live key: rotate it.');
  });

  it('GIVEN code containing a fence THEN the block uses a longer fence', () => {
    expect(renderMarkdown(CODE_ONLY)).toContain('````md\na ``` fence inside\n````');
  });

  it('GIVEN choices THEN they are listed as numbered options', () => {
    expect(renderMarkdown(DIAGNOSIS)).toContain("**Options**\n\n1. That fixed it\n2. That didn't fix it");
  });
});
