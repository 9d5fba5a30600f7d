/**
 * The descriptor every adapter's contract run provides. The shared suite (adapter-contract.ts)
 * drives a conversation through it and asserts on what the platform received, so the console,
 * Slack and Discord adapters are held to the same behaviour.
 */

/** One message the bot posted, flattened to what a user sees. */
export interface ContractMessage {
  /** all visible text of the message (text, blocks, embeds, fields), rendered to plain text */
  text: string;
  /** the buttons/menu options offered with it */
  choices: { id: string; label: string }[];
  /** true when only the asking user sees it (Slack ephemeral, Discord ephemeral) */
  ephemeral: boolean;
}

export interface ContractHarness {
  /** The user sends a message in the conversation (first one: mention/DM/console line; then in-thread). */
  say(text: string): Promise<void>;
  /** The user clicks the choice with this id (it must have been offered). */
  choose(choiceId: string): Promise<void>;
  /** Everything the bot posted in this conversation so far, in order. */
  messages(): ContractMessage[];
  /** Every byte the adapter sent to the platform (request bodies, URLs, terminal output): for leak checks. */
  rawOutbound(): string;
  close(): Promise<void>;
}

export interface AdapterDescriptor {
  name: string;
  /** Starts a fresh adapter (and fake platform) with an empty conversation store. */
  setup(): Promise<ContractHarness>;
}
