/** Short replies that are not a diagnosis: asking for details, help, restart, thanks. */
import type { Reply } from '../types.ts';
import { FEEDBACK_CHOICES } from './diagnosis-reply.ts';

export const RESTART_CHOICE = { id: 'restart', label: 'Start over', style: 'secondary' as const };

/** Nothing recognisable yet: ask for the error, the status and how the key is sent, with an example. */
export function needMoreReply(empty: boolean): Reply {
  return {
    kind: 'info',
    heading: empty ? 'Tell me what is failing' : 'I need a bit more to go on',
    blocks: [
      {
        type: 'text',
        text: empty
          ? 'Describe the failure: which API you call, the HTTP status (401, 403, ...) and the error message it returns. For example:'
          : 'I could not match that to a known cause yet. Paste the error message and status, and show how you send the key (replace the key itself with `xxx`). For example:',
      },
      {
        type: 'code',
        snippet: {
          language: 'bash',
          code: 'curl -i https://api.example.com/v1/models -H "Authorization: Bearer xxx"\nHTTP/1.1 401 Unauthorized\n{"error": {"code": "invalid_api_key"}}',
        },
      },
      {
        type: 'text',
        text: 'Also say where it runs (locally, Docker, CI, Vercel, browser) and whether it ever worked.',
      },
    ],
    choices: [],
  };
}

/** Usage information. */
export function helpReply(): Reply {
  return {
    kind: 'info',
    heading: 'How keydoctor works',
    blocks: [
      {
        type: 'text',
        text: 'I diagnose API key and token failures (401, 403 and look-alikes). Describe what happens or paste the error, the curl line or the request headers: I find the likely cause, may ask a question or two, and answer with numbered fixes.',
      },
      {
        type: 'list',
        title: 'You can say',
        items: [
          'an error, e.g. `401 {"error": "invalid_api_key"}` or `Authorization: Bearer undefined`',
          'a number or words to answer a question, or "not sure"',
          '"that didn\'t fix it" to see the next candidate, "fixed" when it works',
          '"start over" to reset, "talk to a person" to hand off to a human',
        ],
      },
      { type: 'text', text: 'Never paste a real key: replace it with `xxx` or its last four characters.' },
    ],
    choices: [],
  };
}

export function restartedReply(): Reply {
  return {
    kind: 'info',
    heading: 'Starting over',
    blocks: [{ type: 'text', text: 'Fresh start. Describe the failure or paste the error message.' }],
    choices: [],
  };
}

export function thanksReply(): Reply {
  return {
    kind: 'info',
    heading: 'Glad it works',
    blocks: [
      {
        type: 'text',
        text: 'Great, thanks for confirming. If something else breaks, just describe it here.',
      },
    ],
    choices: [RESTART_CHOICE],
  };
}

/** After a diagnosis, a message that adds nothing new: ask for feedback. */
export function feedbackPromptReply(): Reply {
  return {
    kind: 'info',
    heading: 'Did that help?',
    blocks: [
      {
        type: 'text',
        text: 'Tell me if the fix worked. If it did not, say what happens now (the new error or status) and I will look at the next candidate.',
      },
    ],
    choices: [...FEEDBACK_CHOICES],
  };
}
