/**
 * The shared adapter contract, held by the Discord adapter on the real engine: the user mentions the
 * bot in a text channel, then talks in the thread it opens (the Message Content intent is on, so
 * typed answers need no mention); choices are clicked as component interactions.
 */
import { MessageFlags } from 'discord-api-types/v10';
import pino from 'pino';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.ts';
import { runAdapterContract } from '../../contract/adapter-contract.ts';
import type { AdapterDescriptor, ContractHarness, ContractMessage } from '../../contract/harness.ts';
import { createTestService } from '../../contract/real-engine.ts';
import { FAKE_TOKEN, FakeDiscord, type VisibleSnapshot } from '../../fakes/discord/fake-discord.ts';
import { IDS } from '../../fakes/discord/fixtures.ts';
import { textOf } from './bot-harness.ts';

type LooseComponent = {
  custom_id?: string;
  label?: string;
  disabled?: boolean;
  options?: { label: string; value: string }[];
};

const PREFIX = 'kd:';

/** The choices a message still offers: enabled buttons and select options, as engine choice ids. */
function offered(s: VisibleSnapshot): { id: string; label: string; customId: string; value?: string }[] {
  const rows = (s.message.components ?? []) as unknown as { components: LooseComponent[] }[];
  return rows.flatMap((row) =>
    row.components
      .filter((c) => !c.disabled && (c.custom_id?.startsWith(PREFIX) || c.options))
      .flatMap((c) =>
        c.options
          ? c.options.map((o) => ({ id: o.value, label: o.label, customId: c.custom_id!, value: o.value }))
          : [{ id: c.custom_id!.slice(PREFIX.length), label: c.label ?? '', customId: c.custom_id! }],
      ),
  );
}

function toContract(s: VisibleSnapshot): ContractMessage {
  return {
    text: textOf(s),
    choices: offered(s).map(({ id, label }) => ({ id, label })),
    ephemeral: ((s.message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
  };
}

const descriptor: AdapterDescriptor = {
  name: 'discord',
  async setup(): Promise<ContractHarness> {
    const fake = await new FakeDiscord().start();
    const adapter = createDiscordAdapter({
      token: FAKE_TOKEN,
      applicationId: IDS.application,
      apiUrl: fake.apiUrl,
      messageContentIntent: true,
      logger: pino({ level: 'silent' }),
    });
    await adapter.start(createTestService());
    let threadId: string | undefined;

    async function untilAnswered(before: number): Promise<void> {
      await fake.waitFor(() => fake.snapshots.length > before);
      await adapter.idle();
    }

    return {
      async say(text) {
        const before = fake.snapshots.length;
        if (threadId) {
          fake.userSays(text, { channelId: threadId });
        } else {
          const mention = fake.userSays(text, { mention: true });
          await untilAnswered(before);
          if (fake.channels.has(mention.id)) threadId = mention.id;
          return;
        }
        await untilAnswered(before);
      },
      async choose(choiceId) {
        // the newest message that still offers the choice, as it stands now (clicks disable buttons)
        const snapshot = [...fake.snapshots]
          .reverse()
          .map((s) => ({ ...s, message: fake.messages.get(s.messageId) ?? s.message }))
          .find((s) => offered(s).some((c) => c.id === choiceId));
        if (!snapshot) throw new Error(`choice ${choiceId} is not offered`);
        const choice = offered(snapshot).find((c) => c.id === choiceId)!;
        const before = fake.snapshots.length;
        fake.click(snapshot.messageId, choice.customId, choice.value ? [choice.value] : undefined);
        await untilAnswered(before);
      },
      messages: () => fake.snapshots.map(toContract),
      rawOutbound: () => fake.rawOutbound(),
      async close() {
        await adapter.stop();
        await fake.close();
      },
    };
  },
};

runAdapterContract(descriptor);
