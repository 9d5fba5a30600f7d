import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EVENTS_PATH } from '../../../src/adapters/slack/receivers.ts';
import { COMMAND_NAME } from '../../../src/adapters/slack/usage.ts';

interface Manifest {
  features: {
    slash_commands: { command: string; url?: string }[];
    app_home: { messages_tab_enabled: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
}

function load(name: string): Manifest {
  return parse(
    readFileSync(fileURLToPath(new URL(`../../../slack/${name}`, import.meta.url)), 'utf8'),
  ) as Manifest;
}

/** Exactly what the adapter uses, no more: mentions, thread/DM history, posting, the command. */
const SCOPES = [
  'app_mentions:read',
  'channels:history',
  'chat:write',
  'commands',
  'groups:history',
  'im:history',
];
const EVENTS = ['app_mention', 'message.channels', 'message.groups', 'message.im'];

describe('Slack app manifests', () => {
  it.each(['manifest.yaml', 'manifest.http.yaml'])(
    'GIVEN %s THEN it asks for exactly the scopes and events the adapter uses',
    (name) => {
      const m = load(name);
      expect([...m.oauth_config.scopes.bot].sort()).toEqual(SCOPES);
      expect([...m.settings.event_subscriptions.bot_events].sort()).toEqual(EVENTS);
    },
  );

  it.each(['manifest.yaml', 'manifest.http.yaml'])(
    'GIVEN %s THEN it declares /keydoctor, interactivity and the DM tab',
    (name) => {
      const m = load(name);
      expect(m.features.slash_commands.map((c) => c.command)).toEqual([COMMAND_NAME]);
      expect(m.settings.interactivity.is_enabled).toBe(true);
      expect(m.features.app_home.messages_tab_enabled).toBe(true);
    },
  );

  it('GIVEN the Socket Mode manifest THEN Socket Mode is on and no request URL is needed', () => {
    const m = load('manifest.yaml');
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.settings.event_subscriptions.request_url).toBeUndefined();
  });

  it("GIVEN the HTTP manifest THEN events, the command and interactivity all go to the adapter's endpoint", () => {
    const m = load('manifest.http.yaml');
    expect(m.settings.socket_mode_enabled).toBe(false);
    const urls = [
      m.settings.event_subscriptions.request_url,
      m.settings.interactivity.request_url,
      m.features.slash_commands[0]?.url,
    ];
    for (const url of urls) expect(new URL(url ?? '').pathname).toBe(EVENTS_PATH);
  });
});
