/**
 * The two ways Slack reaches keydoctor. Socket Mode (an app-level token): keydoctor dials out over a
 * WebSocket, no public URL needed. HTTP mode (a signing secret and a port): Slack POSTs to
 * `/slack/events`; Bolt verifies every request's v0 signature and refuses timestamps older than five
 * minutes; timestamps more than five minutes ahead are refused here (Bolt lets them through, so a
 * captured request signed with a future time could be replayed for longer). Both are wrapped so the adapter can wait for in-flight events when stopping.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type App,
  type Logger as BoltLogger,
  HTTPReceiver,
  type Receiver,
  type ReceiverEvent,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';

/** The endpoint Slack posts events, commands and interactivity to in HTTP mode. */
export const EVENTS_PATH = '/slack/events';
/** How far a request's timestamp may be from our clock, either way (Slack's own rule). */
export const MAX_TIMESTAMP_SKEW_S = 5 * 60;

/** True when the request says it was signed more than MAX_TIMESTAMP_SKEW_S in the future. */
export function signedInTheFuture(header: string | string[] | undefined, nowMs: number): boolean {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds > Math.floor(nowMs / 1000) + MAX_TIMESTAMP_SKEW_S;
}

export interface ReceiverSetup {
  receiver: Receiver;
  /** starts listening/connecting; resolves once Slack can reach us */
  start(): Promise<void>;
  /** the local HTTP address in HTTP mode (for tests and logs) */
  address(): AddressInfo | undefined;
  /** reports connection changes (Socket Mode reconnects) */
  onConnectionChange(listener: (connected: boolean) => void): void;
}

/** Socket Mode: `apps.connections.open` is called through the same API URL as everything else. */
export function socketModeReceiver(
  appToken: string,
  clientOptions: webApi.WebClientOptions,
  logger: BoltLogger,
): ReceiverSetup {
  // the Socket Mode client adjusts the options it is given; it gets its own copy
  const receiver = new SocketModeReceiver({
    appToken,
    logger,
    installerOptions: { clientOptions: { ...clientOptions } },
  });
  return {
    receiver,
    start: async () => {
      await receiver.start();
    },
    address: () => undefined,
    onConnectionChange: (listener) => {
      receiver.client.on('connected', () => listener(true));
      receiver.client.on('reconnecting', () => listener(false));
      receiver.client.on('disconnected', () => listener(false));
    },
  };
}

/** HTTP mode on `port` (0: any free port), `host` all interfaces unless given. */
export function httpReceiver(
  signingSecret: string,
  port: number,
  host: string | undefined,
  logger: BoltLogger,
): ReceiverSetup {
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: EVENTS_PATH,
    logger,
    processBeforeResponse: false,
  });
  const verified = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    if (signedInTheFuture(req.headers['x-slack-request-timestamp'], Date.now())) {
      res.writeHead(401).end();
      return;
    }
    verified(req, res);
  };
  let server: Server | undefined;
  return {
    receiver,
    start: async () => {
      server = await receiver.start({ port, ...(host ? { host } : {}) });
    },
    address: () => {
      const address = server?.address();
      return address && typeof address === 'object' ? address : undefined;
    },
    onConnectionChange: () => undefined,
  };
}

/**
 * Wraps a receiver so every event it hands to the app is tracked from the moment it arrives (before
 * the ack), so `idle()` really means nothing is being handled.
 */
export class TrackingReceiver implements Receiver {
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(private readonly inner: Receiver) {}

  init(app: App): void {
    const tracked = {
      processEvent: (event: ReceiverEvent) => {
        const work = app.processEvent(event);
        this.#inFlight.add(work);
        const forget = () => this.#inFlight.delete(work);
        work.then(forget, forget);
        return work;
      },
    };
    this.inner.init(tracked as unknown as App);
  }

  start(...args: unknown[]): Promise<unknown> {
    return this.inner.start(...args);
  }

  stop(...args: unknown[]): Promise<unknown> {
    return this.inner.stop(...args);
  }

  /** Resolves when no event is being handled. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }
}
