/**
 * The platform boundary: every adapter (console, Slack, Discord) is this same small shape. The bot
 * process starts the adapters whose credentials are configured and never knows which one it runs on.
 */
import type { ConversationService } from '../bot/types.ts';

export interface Adapter {
  /** 'console' | 'slack' | 'discord' */
  readonly name: string;
  /** Connects to the platform and starts handing events to the service. Resolves once connected. */
  start(service: ConversationService): Promise<void>;
  /** Stops taking new events, waits for in-flight ones, disconnects. */
  stop(): Promise<void>;
  /** True while connected (for /healthz). */
  isReady(): boolean;
}
