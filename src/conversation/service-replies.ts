/** The replies the service gives itself, without the engine. Friendly, never a stack trace. */
import type { Reply } from '../engine/types.ts';

export function rateLimitedReply(retryAfterMs: number): Reply {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return {
    kind: 'info',
    heading: 'One moment, please',
    blocks: [
      {
        type: 'text',
        text: `You have sent a lot of messages in the last minute. Please wait about ${seconds} s and try again; your conversation is kept as it was.`,
      },
    ],
    choices: [],
  };
}

export function internalErrorReply(): Reply {
  return {
    kind: 'error',
    heading: 'Something went wrong on my side',
    blocks: [
      {
        type: 'text',
        text: "Something went wrong on my side while reading that. Your conversation is unchanged: please send the message again, or say 'start over'.",
      },
    ],
    choices: [],
  };
}

/** The store cannot save (disk full, damaged database): nothing the user can fix, nothing lost on their side. */
export function storageFaultReply(): Reply {
  return {
    kind: 'error',
    heading: 'I cannot save conversations right now',
    blocks: [
      {
        type: 'text',
        text: 'My storage is failing at the moment (the operator can see why in the log and on the health check), so I could not take this message in. Please try again in a little while; nothing you pasted was kept.',
      },
    ],
    choices: [],
  };
}
