#!/usr/bin/env node
// The container HEALTHCHECK: asks the ops endpoint's /healthz where the bot listens (OPS_HOST,
// OPS_PORT). With OPS_PORT=off there is no endpoint to ask, so a running process is healthy.
const OPS_DEFAULT_PORT = '8080';
const TIMEOUT_MS = 4000;
const port = (process.env.OPS_PORT ?? OPS_DEFAULT_PORT).trim();
if (port === 'off') process.exit(0);
const host = (process.env.OPS_HOST ?? '').trim();
// A wildcard bind is reachable on loopback; a specific address is asked where it listens.
const target = host === '' || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
const url = `http://${target.includes(':') ? `[${target}]` : target}:${port}/healthz`;
fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  () => process.exit(1),
);
