/**
 * Starts the fake Discord and the real adapter (real discord.js) against it, on a conversation
 * service with an in-memory store. Tests drive the fake and read what it recorded.
 */
import pino from 'pino';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.ts';
import { createConversationService } from '../../../src/conversation/conversation-service.ts';
import type { ConversationService } from '../../../src/conversation/types.ts';
import type { Engine } from '../../../src/engine/types.ts';
import { MemoryStateStore } from '../../../src/state/memory-state.ts';
import { createFakeEngine } from '../../contract/fake-engine.ts';
import { FAKE_TOKEN, FakeDiscord, type VisibleSnapshot } from '../../fakes/discord/fake-discord.ts';
import { IDS } from '../../fakes/discord/fixtures.ts';

const TTL_MS = 60 * 60 * 1000;
const NOW = Date.parse('2026-01-15T12:00:00Z');

export interface BotOptions {
  engine?: Engine;
  service?: ConversationService;
  botPermissions?: bigint;
  messageContentIntent?: boolean;
  supportRoleId?: string;
}

export type Bot = Awaited<ReturnType<typeof startBot>>;

export async function startBot(options: BotOptions = {}) {
  const fake = await new FakeDiscord(
    options.botPermissions === undefined ? {} : { botPermissions: options.botPermissions },
  ).start();
  const engine = options.engine ?? createFakeEngine();
  const service =
    options.service ??
    createConversationService({
      engine: () => engine,
      store: new MemoryStateStore(),
      ttlMs: TTL_MS,
      clock: () => NOW,
    });
  const platformErrors: string[] = [];
  const adapter = createDiscordAdapter({
    token: FAKE_TOKEN,
    applicationId: IDS.application,
    apiUrl: fake.apiUrl,
    logger: pino({ level: process.env.KD_LOG ?? 'silent' }),
    ...(options.messageContentIntent ? { messageContentIntent: true } : {}),
    ...(options.supportRoleId ? { supportRoleId: options.supportRoleId } : {}),
  });
  await adapter.start(service, { platformError: (_p, code) => platformErrors.push(code) });

  /** Waits until the bot has posted (or changed) `count` more visible messages, then until it is idle. */
  async function settle(before: number, count = 1): Promise<VisibleSnapshot[]> {
    await fake.waitFor(() => fake.snapshots.length >= before + count);
    await adapter.idle();
    return fake.snapshots.slice(before);
  }

  return {
    fake,
    adapter,
    platformErrors,
    settle,
    /** Runs `act`, then waits for `count` new visible messages and for the bot to go idle. */
    async expectReplies(act: () => unknown, count = 1): Promise<VisibleSnapshot[]> {
      const before = fake.snapshots.length;
      act();
      return settle(before, count);
    },
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}

/** All visible text of a posted message: content, embed titles, descriptions and fields. */
export function textOf(s: VisibleSnapshot): string {
  const m = s.message;
  const embeds = (m.embeds ?? []).flatMap((e) => [
    e.title ?? '',
    e.description ?? '',
    ...(e.fields ?? []).map((f) => `${f.name}\n${f.value}`),
  ]);
  return [m.content, ...embeds].filter((t) => t.length > 0).join('\n');
}

type LooseComponent = {
  type: number;
  custom_id?: string;
  label?: string;
  disabled?: boolean;
  options?: { label: string; value: string }[];
};

/** The enabled components of a message: buttons by custom_id, select menus with their option values. */
export function componentsOf(s: VisibleSnapshot): { customId: string; label: string; values: string[] }[] {
  const rows = (s.message.components ?? []) as unknown as { components: LooseComponent[] }[];
  return rows.flatMap((row) =>
    row.components
      .filter((c) => !c.disabled && c.custom_id)
      .map((c) => ({
        customId: c.custom_id!,
        label: c.label ?? '',
        values: (c.options ?? []).map((o) => o.value),
      })),
  );
}
