/** The private help text of `/keydoctor` and `/keydoctor help`. */
export const COMMAND_NAME = '/keydoctor';

export function usageText(botUserId: string): string {
  return [
    '*keydoctor* finds out why an API key or token is refused (401, 403 and look-alikes) and tells you how to fix it.',
    '',
    '*Start a diagnosis*',
    `• \`${COMMAND_NAME} <symptom>\`, e.g. \`${COMMAND_NAME} OpenAI returns 401 Incorrect API key provided\`. I post the diagnosis in this channel; reply in its thread to continue.`,
    `• Or mention me: \`@keydoctor my Stripe call gets 401\`, or send me a direct message.`,
    '• Paste the error, the response headers or the `curl -i` line: the more I see, the faster I know. Never paste a live key (if you do, rotate it).',
    '',
    '*In a thread*',
    `Slack does not allow slash commands inside threads. In a thread, mention me (<@${botUserId}>) instead; once I am in a thread, just reply there: answer my questions, say "that didn't fix it" or "start over".`,
  ].join('\n');
}
