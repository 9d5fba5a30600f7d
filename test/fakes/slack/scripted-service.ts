/**
 * ConversationServices for adapter tests that need a particular answer (a huge reply, a hand-off, a
 * failure) or control over timing (a gate that holds the answer until the test opens it).
 */
import type { ConversationService } from '../../../src/conversation/types.ts';
import type { Reply } from '../../../src/engine/types.ts';
import { serviceFromHandler } from '../service-from-handler.ts';

export { type RecordingService, scriptedService } from '../scripted-service.ts';

/** A service whose answers wait until `open()` is called. */
export function gatedService(inner: ConversationService): ConversationService & {
  open(): void;
  /** resolves once an input is waiting at the gate */
  waiting(): Promise<void>;
} {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let arrived!: () => void;
  const waiting = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  return {
    ...serviceFromHandler(async (incoming) => {
      arrived();
      await gate;
      return inner.handle(incoming);
    }),
    open,
    waiting: () => waiting,
  };
}

/** A plain informational reply. */
export function infoReply(heading: string, text: string): Reply {
  return { kind: 'info', heading, blocks: [{ type: 'text', text }], choices: [] };
}
