/** The console's greeting and help text. */
const USAGE_LINES = [
  'How to talk to me:',
  '  - Answer my questions with the number of an option or in your own words.',
  '  - A multi-line paste is read as one message. Typing several lines by hand? Put them',
  '    between two lines that hold only """ .',
  '  - Keys you paste are hidden in everything I print; rotate a live key you pasted anywhere.',
  '  - Commands: help, start over, exit (or Ctrl-D).',
];

export const CONSOLE_HELP = USAGE_LINES.join('\n');

export const CONSOLE_GREETING = [
  'keydoctor: I find out why an API key or token is refused (401, 403 and look-alikes).',
  'Describe what fails, or paste the error, the response, the header or the curl command.',
  '',
  CONSOLE_HELP,
].join('\n');

export const CONSOLE_GOODBYE = 'Bye. Good luck with that key.';
export const CONSOLE_FAILURE =
  'Sorry, something went wrong on my side while handling that. Try again, or type "start over".';
/** Said above a hand-off reply: nobody watches a local terminal, so the user passes the summary on. */
export const CONSOLE_HANDOFF =
  "Nobody else reads this terminal: copy the summary below to a colleague or to your provider's support.";
export const PROMPT = '> ';
