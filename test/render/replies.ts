/** Reply fixtures built with the engine's types. */
import type { Reply } from '../../src/engine/types.ts';

export const DIAGNOSIS: Reply = {
  kind: 'diagnosis',
  heading: 'The `Authorization` header lacks `Bearer `',
  causeId: 'missing-bearer-prefix',
  blocks: [
    {
      type: 'text',
      text: 'The API reads the header as **scheme + key**. See [RFC 6750](https://www.rfc-editor.org/rfc/rfc6750).',
    },
    {
      type: 'evidence',
      title: 'Why I think so',
      items: ['your header is `Authorization: [openai secret key …ab12]`'],
    },
    {
      type: 'steps',
      title: 'Fix it',
      items: [
        {
          text: 'Add the scheme:',
          code: { language: 'bash', code: 'curl -i \\\n  -H "Authorization: Bearer $OPENAI_API_KEY"\n' },
        },
        { text: 'Run the request again.' },
      ],
    },
    { type: 'list', title: 'Prevention', items: ['Use the official SDK'] },
    { type: 'warning', text: 'You pasted a live key: rotate it.' },
  ],
  choices: [
    { id: 'feedback:fixed', label: 'That fixed it' },
    { id: 'feedback:broken', label: "That didn't fix it" },
  ],
};

export const CODE_ONLY: Reply = {
  kind: 'info',
  heading: 'Snippet',
  blocks: [{ type: 'code', snippet: { language: 'md', code: 'a ``` fence inside' } }],
  choices: [],
};
