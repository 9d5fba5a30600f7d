/**
 * The shared adapter contract, held by the Slack adapter: the real Bolt over HTTP mode against the
 * fake Slack, the real engine on the shipped knowledge base, a memory store. The first message is a
 * mention in a channel; everything after it is a reply in the thread the bot opened.
 */
import { runAdapterContract } from '../../contract/adapter-contract.ts';
import type { AdapterDescriptor, ContractHarness, ContractMessage } from '../../contract/harness.ts';
import { createTestService } from '../../contract/real-engine.ts';
import type { StoredMessage } from '../../fakes/slack/fake-slack-api.ts';
import { visibleText } from '../../fakes/slack/flatten.ts';
import { buttonsOf, startSlackBed } from '../../fakes/slack/slack-test-bed.ts';

function toContractMessage(message: StoredMessage): ContractMessage {
  return {
    text: visibleText(message),
    choices: buttonsOf(message).map((b) => ({ id: b.value ?? '', label: b.text?.text ?? '' })),
    ephemeral: message.ephemeral,
  };
}

const slack: AdapterDescriptor = {
  name: 'slack',
  async setup(): Promise<ContractHarness> {
    const bed = await startSlackBed({ service: createTestService() });
    let thread: string | undefined;
    const inThread = (m: StoredMessage) =>
      thread !== undefined && (m.thread_ts === thread || m.ts === thread);
    return {
      async say(text) {
        if (thread === undefined) thread = (await bed.mention(text)).ts;
        else await bed.reply(thread, text);
      },
      async choose(choiceId) {
        await bed.click(choiceId);
      },
      messages: () => bed.fake.messages.filter(inThread).map(toContractMessage),
      rawOutbound: () => bed.fake.rawOutbound(),
      close: () => bed.close(),
    };
  },
};

runAdapterContract(slack);
