/** Where the failing code runs: browser, container, CI, serverless/edge, a server, localhost, behind a proxy. */
import type { EvidenceItem } from '../types.ts';
import type { ExtractionInput } from './context.ts';
import { applyRules, type PhraseRule } from './rules.ts';

const RUNTIME_RULES: readonly PhraseRule[] = [
  {
    signal: 'runtime:browser',
    regex:
      /\b(?:browser|front[- ]?end|client[- ]side|client components?|["']use client["']|react(?! native)|vue(?:\.js)?|angular|svelte|vite|next_public_\w{0,40}|vite_\w{0,40}|react_app_\w{0,40}|devtools|localstorage|cors|web ?page|web app|single[- ]page|spa\b|javascript in the page|xmlhttprequest|script tag)/,
    detail: 'the call is made from the browser ("$0")',
  },
  {
    signal: 'runtime:container',
    regex:
      /\b(?:docker|dockerfile|compose|container|kubernetes|k8s|kubectl|helm|pods?\b|ecs\b|fargate|podman|configmap)/,
    detail: 'the code runs in a container ("$0")',
  },
  {
    signal: 'runtime:ci',
    regex:
      /\b(?:github actions?|gitlab(?:[- ]ci)?|\bci\b|ci\/cd|pipeline|jenkins|circleci|travis|bitbucket pipelines|azure devops|workflow|secrets\.\w{1,40}|buildkite)/,
    detail: 'the code runs in CI ("$0")',
  },
  {
    signal: 'runtime:serverless',
    regex:
      /\b(?:vercel|netlify|lambda|serverless|cloudflare workers?|workers?\.dev|edge (?:function|runtime|middleware)|middleware\.ts|cloud functions?|firebase functions?|supabase (?:edge )?functions?|deno deploy|azure functions?|amplify)/,
    detail: 'the code runs on serverless/edge ("$0")',
  },
  {
    signal: 'runtime:deployed',
    regex:
      /\b(?:production|prod\b|(?<![/.])deployed|(?<![/.]|model |openai |azure )deploy(?:ment)?\b(?![/_-]| (?:name|id)\b)|staging|(?:on|in) the server|remote server|heroku|render\.com|railway|fly\.io|ec2|vps|droplet|pm2|systemd|live site|cloud run|app engine|elastic beanstalk)/,
    detail: 'the code runs on a deployed server ("$0")',
  },
  {
    signal: 'runtime:localhost',
    regex:
      /\b(?:localhost|127\.0\.0\.1|locally|local machine|my machine|my laptop|dev machine|dev server|on my computer|local dev)/,
    detail: 'the code runs locally ("$0")',
  },
  {
    signal: 'runtime:server-code',
    regex:
      /(?:traceback \(most recent call last\)|file "[^"\n]{1,200}\.py"|\bimport (?:openai|anthropic|requests|boto3)\b|\bfrom (?:openai|anthropic|langchain\w*|llama_index\w*|huggingface_hub) import\b|\bpython3?\b|\bpip install\b|\bnode(?:\.js)? script\b|\bserver[- ]side\b|\bbackend\b|\bgh (?:auth|api|pr|repo|release|workflow|run)\b|\baws (?:s3|sts|configure|bedrock)\b|\bterraform\b)/,
    detail: 'the call comes from code outside a browser ("$0")',
  },
  {
    signal: 'runtime:proxy',
    regex:
      /\b(?:proxy|nginx|api gateway|(?<!nat )gateway|load balancer|\balb\b|\belb\b|ingress|traefik|haproxy|envoy|kong|apigee|cdn\b|cloudflare(?! workers)|reverse proxy|caddy|istio)/,
    detail: 'something sits between the client and the API ("$0")',
  },
];

/** Runtime signals from phrases in the text. */
export function extractRuntime(input: ExtractionInput): EvidenceItem[] {
  return applyRules(RUNTIME_RULES, input.lower);
}
