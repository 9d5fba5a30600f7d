import { describe, expect, it } from 'vitest';
import { mentions, slackTextToPlain } from '../../../src/adapters/slack/slack-text.ts';

describe('slackTextToPlain', () => {
  it('GIVEN a mention of the bot THEN it is removed', () => {
    expect(slackTextToPlain('<@UBOT> getting 401', 'UBOT')).toBe('getting 401');
  });

  it('GIVEN escaped characters THEN the text the user typed comes back', () => {
    expect(slackTextToPlain('Authorization: Bearer &lt;token&gt; &amp;&amp; retry')).toBe(
      'Authorization: Bearer <token> && retry',
    );
  });

  it('GIVEN auto-linked URLs THEN they read as typed', () => {
    expect(
      slackTextToPlain('curl -i <https://api.openai.com/v1/models> and <https://x.test/a|x.test/a>'),
    ).toBe('curl -i https://api.openai.com/v1/models and x.test/a');
  });

  it('GIVEN other mentions, channels and specials THEN they become readable words', () => {
    expect(slackTextToPlain('<@U2> in <#C1|general> said <!here>', 'UBOT')).toBe(
      '@U2 in #general said @here',
    );
  });

  it('GIVEN an entity hidden in a link label THEN it is decoded once, not twice', () => {
    expect(slackTextToPlain('&amp;lt;')).toBe('&lt;');
  });
});

describe('mentions', () => {
  it('GIVEN either mention form THEN it is recognised', () => {
    expect(mentions('hi <@UBOT>', 'UBOT')).toBe(true);
    expect(mentions('hi <@UBOT|keydoctor>', 'UBOT')).toBe(true);
    expect(mentions('hi <@UOTHER>', 'UBOT')).toBe(false);
  });
});
