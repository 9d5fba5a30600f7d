/**
 * keydoctor's application commands: `/diagnose` (a symptom plus optional status, provider and where
 * the code runs) and the message context-menu command "Diagnose this message".
 */
import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type RESTPostAPIApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from 'discord.js';

export const DIAGNOSE_COMMAND = 'diagnose';
export const DIAGNOSE_MESSAGE_COMMAND = 'Diagnose this message';

export const OPTION_SYMPTOM = 'symptom';
export const OPTION_STATUS = 'status';
export const OPTION_PROVIDER = 'provider';
export const OPTION_WHERE = 'where';

/** Discord caps a string option at 6,000 characters; a symptom needs far less. */
const SYMPTOM_MAX = 4_000;

/** value -> how the symptom text says it (the engine reads words, not option names) */
export const STATUS_CHOICES: Record<string, string> = {
  '401': 'HTTP 401 Unauthorized',
  '403': 'HTTP 403 Forbidden',
  '429': 'HTTP 429 Too Many Requests',
  other: '',
};

export const PROVIDER_CHOICES: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  'azure-openai': 'Azure OpenAI',
  google: 'Google Cloud',
  aws: 'AWS',
  stripe: 'Stripe',
  github: 'GitHub',
  slack: 'Slack',
  discord: 'Discord',
  twilio: 'Twilio',
  sendgrid: 'SendGrid',
  huggingface: 'Hugging Face',
  other: '',
};

export const WHERE_CHOICES: Record<string, string> = {
  local: 'it runs on my local machine (localhost)',
  docker: 'it runs in Docker',
  ci: 'it runs in CI',
  serverless: 'it runs in a serverless function',
  browser: 'it runs in the browser',
  server: 'it runs on a server',
};

const NAMES: Record<string, Record<string, string>> = {
  [OPTION_STATUS]: {
    '401': '401 Unauthorized',
    '403': '403 Forbidden',
    '429': '429 Too Many Requests',
    other: 'Other',
  },
  [OPTION_WHERE]: {
    local: 'My machine (local)',
    docker: 'Docker',
    ci: 'CI',
    serverless: 'Serverless / edge',
    browser: 'Browser',
    server: 'A server',
  },
};

function choicesOf(option: string, values: Record<string, string>) {
  return Object.keys(values).map((value) => ({
    name: NAMES[option]?.[value] ?? (values[value] || 'Other'),
    value,
  }));
}

/** The command definitions, as the JSON `PUT .../commands` takes. */
export function commandDefinitions(): RESTPostAPIApplicationCommandsJSONBody[] {
  const contexts = [InteractionContextType.Guild, InteractionContextType.BotDM];
  const diagnose = new SlashCommandBuilder()
    .setName(DIAGNOSE_COMMAND)
    .setDescription('Find out why an API key or token is refused (401/403) and how to fix it')
    .setContexts(contexts)
    .addStringOption((o) =>
      o
        .setName(OPTION_SYMPTOM)
        .setDescription('What fails: the error, the response, or the request (keys are redacted)')
        .setRequired(true)
        .setMaxLength(SYMPTOM_MAX),
    )
    .addStringOption((o) =>
      o
        .setName(OPTION_STATUS)
        .setDescription('The HTTP status you get')
        .addChoices(...choicesOf(OPTION_STATUS, STATUS_CHOICES)),
    )
    .addStringOption((o) =>
      o
        .setName(OPTION_PROVIDER)
        .setDescription('Whose API refuses the key')
        .addChoices(...choicesOf(OPTION_PROVIDER, PROVIDER_CHOICES)),
    )
    .addStringOption((o) =>
      o
        .setName(OPTION_WHERE)
        .setDescription('Where the failing code runs')
        .addChoices(...choicesOf(OPTION_WHERE, WHERE_CHOICES)),
    );
  const diagnoseMessage = new ContextMenuCommandBuilder()
    .setName(DIAGNOSE_MESSAGE_COMMAND)
    .setType(ApplicationCommandType.Message)
    .setContexts(contexts);
  return [diagnose.toJSON(), diagnoseMessage.toJSON()];
}

/** The symptom text for the engine: what the user typed plus the facts the options add. */
export function symptomFromOptions(
  symptom: string,
  status?: string | null,
  provider?: string | null,
  where?: string | null,
): string {
  const facts = [
    status ? STATUS_CHOICES[status] : '',
    provider && PROVIDER_CHOICES[provider] ? `provider: ${PROVIDER_CHOICES[provider]}` : '',
    where ? WHERE_CHOICES[where] : '',
  ].filter((f): f is string => Boolean(f));
  return facts.length > 0 ? `${symptom}\n${facts.join('; ')}` : symptom;
}
