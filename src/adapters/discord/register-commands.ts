/** Registers keydoctor's commands: in one guild (instant, for development) or globally (production). */
import { REST, Routes } from 'discord.js';
import { REST_RETRIES, REST_TIMEOUT_MS } from './client-options.ts';
import { commandDefinitions } from './commands.ts';

export interface RegisterTarget {
  token: string;
  applicationId: string;
  apiUrl?: string;
  /** set: guild commands in this guild; unset: global commands */
  guildId?: string;
}

/** PUTs the command set (replacing what was there); returns the registered command names. */
export async function registerCommands(target: RegisterTarget): Promise<string[]> {
  const rest = new REST({
    retries: REST_RETRIES,
    timeout: REST_TIMEOUT_MS,
    ...(target.apiUrl ? { api: target.apiUrl } : {}),
  }).setToken(target.token);
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const registered = (await rest.put(route, { body: commandDefinitions() })) as { name: string }[];
  return registered.map((c) => c.name);
}
