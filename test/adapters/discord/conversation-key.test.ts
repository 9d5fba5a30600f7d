import { describe, expect, it } from 'vitest';
import { choiceFromComponent, customIdFor } from '../../../src/adapters/discord/components.ts';
import { keyForChannel, keyForThreadFrom } from '../../../src/adapters/discord/conversation-key.ts';

describe('Discord conversation keys and custom ids', () => {
  it('GIVEN a thread THEN the key is the guild, the parent channel and the thread', () => {
    expect(keyForChannel({ id: 'T', guildId: 'G', parentId: 'C', isThread: true })).toEqual({
      platform: 'discord',
      workspace: 'G',
      channel: 'C',
      thread: 'T',
    });
  });

  it('GIVEN a DM THEN the workspace is @dm and the DM channel is both channel and thread', () => {
    expect(keyForChannel({ id: 'D', guildId: null, parentId: null, isThread: false })).toEqual({
      platform: 'discord',
      workspace: '@dm',
      channel: 'D',
      thread: 'D',
    });
  });

  it('GIVEN a thread opened from a message THEN its key equals the key of messages inside that thread', () => {
    const channel = { id: 'C', guildId: 'G', parentId: null, isThread: false };
    expect(keyForThreadFrom(channel, 'M')).toEqual(
      keyForChannel({ id: 'M', guildId: 'G', parentId: 'C', isThread: true }),
    );
  });

  it('GIVEN a choice id THEN its custom_id maps back to it', () => {
    const id = customIdFor('answer:q-where:works-locally')!;
    expect(id).toBe('kd:answer:q-where:works-locally');
    expect(choiceFromComponent(id)).toBe('answer:q-where:works-locally');
  });

  it('GIVEN a pick from keydoctor menu THEN the picked value is the choice', () => {
    expect(choiceFromComponent('kd-menu:0', ['answer:q:b'])).toBe('answer:q:b');
  });

  it('GIVEN another app custom_id THEN it is not a keydoctor choice', () => {
    expect(choiceFromComponent('poll:vote:1')).toBeUndefined();
  });
});
