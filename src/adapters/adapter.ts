/**
 * The platform boundary: every adapter (console, Slack, Discord) is this same small shape. The bot
 * process starts the adapters whose credentials are configured and never knows which one it runs on.
 */
import type { ConversationService } from '../conversation/types.ts';

/** What an adapter reports back to the process (metrics); every hook is optional. */
export interface AdapterHooks {
  /** a platform call failed: `code` is short and low-cardinality, e.g. 'rate_limited', 'http_500', 'missing_permission' */
  platformError?(platform: string, code: string): void;
}

export interface Adapter {
  /** 'console' | 'slack' | 'discord' */
  readonly name: string;
  /** Connects to the platform and starts handing events to the service. Resolves once connected. */
  start(service: ConversationService, hooks?: AdapterHooks): Promise<void>;
  /** Stops taking new events, waits for in-flight ones, disconnects. */
  stop(): Promise<void>;
  /** True while connected (for /healthz). */
  isReady(): boolean;
}
