import { describe, expect, it } from 'vitest';
import { buildEvidenceIndex, extractEvidence } from '../../src/engine/evidence/index.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { fakeJwt, filler } from './fixtures/fake-keys.ts';
import { NOW } from './fixtures/knowledge.ts';

const index = buildEvidenceIndex(loadKnowledge(DEFAULT_KNOWLEDGE_DIR));
const read = (text: string) => extractEvidence(index, text, NOW);
const signals = (text: string) => read(text).signals.map((s) => s.signal);
const AZURE_URL =
  'https://myres.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21';

describe('GIVEN an Azure OpenAI request', () => {
  it('THEN /deployments/ in its URL is a model deployment, not a deployed server', () => {
    expect(signals(`POST ${AZURE_URL} returns 401`)).not.toContain('runtime:deployed');
    expect(signals('my Azure OpenAI model deployment returns 401')).not.toContain('runtime:deployed');
  });

  it('THEN an API key sent as Authorization: Bearer is the key in the wrong header', () => {
    expect(signals(`POST ${AZURE_URL} with Authorization: Bearer ${filler(32)} -> 401`)).toContain(
      'provider-auth:wrong-header',
    );
  });

  it('THEN an Entra ID token sent as Bearer is accepted as a form Azure takes', () => {
    const token = fakeJwt({ exp: NOW / 1000 + 3600, aud: 'https://cognitiveservices.azure.com' });
    expect(signals(`POST ${AZURE_URL} with Authorization: Bearer ${token} -> 401`)).not.toContain(
      'provider-auth:wrong-header',
    );
  });

  it('THEN "Azure OpenAI" is Azure OpenAI alone, not OpenAI too', () => {
    expect(read('Azure OpenAI returns 401 for my deployment').providers).toEqual(['azure-openai']);
  });
});

describe('GIVEN a report about Azure that is not Azure OpenAI', () => {
  it('THEN Key Vault, Storage or Entra ID name Azure, not Azure OpenAI', () => {
    for (const text of [
      'Azure Key Vault 403: does not have secrets get permission on key vault',
      'GET https://acct.blob.core.windows.net/c/b returns 403 AuthorizationPermissionMismatch',
      'AADSTS7000215 from https://login.microsoftonline.com/TENANT/oauth2/v2.0/token',
    ]) {
      const providers = read(text).providers;
      expect(providers, text).toContain('azure');
      expect(providers, text).not.toContain('azure-openai');
    }
  });

  it('THEN Azure DevOps, with tokens of its own, names neither', () => {
    for (const text of [
      'vsce publish: 401, my Azure DevOps PAT was made for one organization',
      'npm install from https://pkgs.dev.azure.com/org/_packaging/feed/npm/registry/ fails with 401',
    ]) {
      const providers = read(text).providers;
      expect(providers, text).not.toContain('azure');
      expect(providers, text).not.toContain('azure-openai');
    }
  });

  it('THEN Azure OpenAI is still Azure OpenAI alone', () => {
    expect(read(`POST ${AZURE_URL} returns 401`).providers).toEqual(['azure-openai']);
    expect(read('my Azure OpenAI deployment answers 401').providers).toEqual(['azure-openai']);
  });
});

describe('GIVEN a tool in the report', () => {
  it('THEN the GitHub CLI in Actions is detected as tools, with GitHub as the provider', () => {
    const e = read('Run gh release create in GitHub Actions: gh: Bad credentials (HTTP 401)');
    expect(e.tools).toEqual(expect.arrayContaining(['gh-cli', 'github-actions']));
    expect(e.providers).toContain('github');
  });

  it("THEN a report that runs in GitHub Actions or links a GitHub issue is not about GitHub's API", () => {
    const sentry = 'sentry-cli upload: sentry reported an error: Invalid token (http status: 401)';
    expect(read(`${sentry} in my GitHub Actions workflow`).providers).not.toContain('github');
    expect(
      read(`${sentry}, as in https://github.com/getsentry/sentry-cli/issues/1581`).providers,
    ).not.toContain('github');
    expect(read(`${sentry}; docs at https://example-org.github.io/docs/`).providers).not.toContain('github');
    // the tool is still seen, and GitHub's own API, token and git remote still name GitHub
    expect(read(`${sentry} in my GitHub Actions workflow`).tools).toContain('github-actions');
    expect(read('GET https://api.github.com/user returns 401 Bad credentials').providers).toContain('github');
    expect(read('GITHUB_TOKEN gets 403 in GitHub Actions').providers).toContain('github');
    expect(read("fatal: Authentication failed for 'https://github.com/acme/app.git/'").providers).toContain(
      'github',
    );
  });

  it('THEN "Bad credentials" says a credential was sent', () => {
    expect(signals('gh: Bad credentials (HTTP 401)')).toContain('key:sent');
  });

  it('THEN LangChain and an SDK variable are detected', () => {
    const e = read('from langchain_openai import ChatOpenAI fails: OPENAI_API_KEY not found');
    expect(e.tools).toEqual(expect.arrayContaining(['langchain', 'openai-sdk']));
    expect(e.signals.map((s) => s.signal)).toContain('key:static');
  });
});

describe('GIVEN a report that only says "API key" about the API called', () => {
  it('THEN a pasted OpenAI key is not "shaped like another provider\'s key" (a plain REST API is no provider)', () => {
    const key = ['sk', '-proj-', 'FAKE', filler(40)].join('');
    const text = `works locally but fails in docker compose with 401 Incorrect API key provided ${key}`;
    expect(signals(text)).not.toContain('key:provider-mismatch');
    expect(
      read(text)
        .signals.map((s) => s.detail)
        .join(' '),
    ).not.toContain('Plain REST API');
  });
});

describe('GIVEN a package or container registry in the report', () => {
  it('THEN an npm publish log names the npm registry as the service called', () => {
    const e = read(
      'npm notice Access token expired or revoked.\nnpm error 404 Not Found - PUT https://registry.npmjs.org/@acme%2fwidget',
    );
    expect(e.providers[0]).toBe('npm');
    expect(e.errors.map((hit) => hit.provider)).toContain('npm');
  });

  it('THEN a pasted npm token makes the npm registry the provider', () => {
    expect(read(`//registry.example.test/:_authToken=npm_${filler(36)} gives E401`).providers).toContain(
      'npm',
    );
  });

  it("THEN a link to a package's npm page or to Docker's documentation names no registry", () => {
    const e = read(
      'I use https://www.npmjs.com/package/openai as in https://docs.docker.com/compose/ and get 401 Incorrect API key provided',
    );
    expect(e.providers).toContain('openai');
    expect(e.providers).not.toContain('npm');
    expect(e.providers).not.toContain('docker-hub');
  });

  it('THEN a plain "npm install" of an SDK does not make npm the provider', () => {
    expect(read('npm install openai, then 401 Incorrect API key provided').providers).not.toContain('npm');
  });

  it('THEN docker login to Docker Hub names Docker Hub; a push to ghcr.io stays GitHub', () => {
    expect(
      read('docker login to Docker Hub: unauthorized: incorrect username or password').providers,
    ).toContain('docker-hub');
    const ghcr = read('docker push ghcr.io/acme/app: denied: requested access to the resource is denied');
    expect(ghcr.providers).not.toContain('docker-hub');
    expect(ghcr.providers).toContain('github');
  });
});
