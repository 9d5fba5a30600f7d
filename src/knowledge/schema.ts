/**
 * The shape of the knowledge base on disk, as zod schemas. One folder:
 *   tree.yaml              the decision tree's question nodes and its root
 *   causes/<cause-id>.yaml one file per cause leaf
 *   errors/<provider>.yaml the provider error-string catalogue the matcher reads
 *   providers.yaml         the providers: how to recognise them, how they expect the key
 * Field names are a public contract for operators who write their own KNOWLEDGE_DIR.
 */
import { z } from 'zod';
import type { ScorerModel } from '../engine/model/scorer-model.ts';
import { isSignal } from '../engine/signals.ts';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes (like "key-missing")')
  .max(60);

const signalName = z
  .string()
  .refine(isSignal, { message: 'is not a known evidence signal (see src/engine/signals.ts)' });

/** signal -> weight: how strongly that evidence points at (positive) or away from (negative) a cause */
const signalWeights = z.partialRecord(signalName, z.number().min(-10).max(10));

const nonEmpty = z.string().trim().min(1, 'must not be empty');

export const codeSnippetSchema = z.strictObject({
  language: z.string().default(''),
  code: nonEmpty,
});

/** The runtimes a fix step can be specific to: the `runtime:*` evidence signals without the prefix. */
export const STEP_RUNTIMES = ['browser', 'container', 'ci', 'serverless', 'deployed', 'localhost', 'proxy'] as const;
export type StepRuntime = (typeof STEP_RUNTIMES)[number];

export const fixStepSchema = z.strictObject({
  text: nonEmpty,
  code: codeSnippetSchema.optional(),
  /** provider ids (from providers.yaml) this step is specific to; omitted means every provider */
  providers: z.array(id).optional(),
  /** runtimes this step is specific to; omitted means every runtime */
  runtimes: z.array(z.enum(STEP_RUNTIMES)).optional(),
  /** tool ids (from providers.yaml `tools`) this step is specific to; omitted means every tool */
  tools: z.array(id).optional(),
});

export const referenceSchema = z.strictObject({
  title: nonEmpty,
  url: z.url(),
});

export const causeSchema = z.strictObject({
  id,
  title: nonEmpty,
  /** what it means, in two or three sentences */
  summary: nonEmpty,
  /** typical HTTP statuses */
  statuses: z.array(z.number().int().min(100).max(599)).default([]),
  /** how to confirm it: what to check or run */
  confirm: z.array(nonEmpty).min(1, 'needs at least one way to confirm the cause'),
  /** numbered fix steps */
  fix: z.array(fixStepSchema).min(1, 'needs at least one fix step'),
  /** how to prevent it */
  prevent: z.array(nonEmpty).min(1, 'needs at least one prevention tip'),
  /** provider ids (from providers.yaml) this is typical for; 'any' for all */
  providers: z.array(id).default([]),
  /** provider-specific notes shown when that provider was detected */
  provider_notes: z.record(id, nonEmpty).default({}),
  references: z.array(referenceSchema).default([]),
  /** phrases users write when they hit this cause: the fuzzy matcher reads them */
  symptoms: z.array(nonEmpty).min(3, 'needs at least three symptom phrases for the matcher'),
  /** single words or short terms that point at this cause (weighted lower than phrases) */
  keywords: z.array(nonEmpty).default([]),
  /** evidence signal weights */
  signals: signalWeights.default({}),
  /** base rate, relative: how common this cause is among real reports */
  prior: z.number().min(0).max(10).default(1),
  /**
   * true for an outcome ranked like a cause but not a leaf of the decision tree (`other`: not a key
   * problem at all); it need not be reachable from tree.yaml
   */
  outside_tree: z.boolean().default(false),
});

/** The most a Slack button shows (Discord's are 80): an answer's label must fit on its button. */
export const ANSWER_LABEL_MAX = 75;

export const answerSchema = z.strictObject({
  id,
  label: nonEmpty.max(ANSWER_LABEL_MAX, `must be at most ${ANSWER_LABEL_MAX} characters to fit on a button`),
  /** words a typed answer may use to pick this answer */
  synonyms: z.array(nonEmpty).default([]),
  /** when any of these signals is in the evidence, the question is answered with this answer */
  implied_by: z.array(signalName).default([]),
  /** when any of these signals is in the evidence, the answer's premise is false and it is not offered */
  ruled_out_by: z.array(signalName).optional(),
  /** question or cause ids this answer leads to (the causes under them stay in the running) */
  next: z.array(id),
  /**
   * "Nothing unusual here" (the dashboard shows the key active, the value is the expected one): the
   * answer a user whose cause lies elsewhere gives, so it leans little against causes outside the
   * question, where a specific answer ("it shows as expired") all but rules them out
   */
  neutral: z.boolean().default(false),
});

export const questionSchema = z.strictObject({
  id,
  text: nonEmpty,
  /** a short hint shown under the question: how the user can find the answer */
  help: z.string().optional(),
  /** when any of these signals is in the evidence, the question's premise is false and it is not asked */
  ruled_out_by: z.array(signalName).optional(),
  answers: z.array(answerSchema).min(2, 'a question needs at least two answers'),
});

export const treeSchema = z.strictObject({
  root: id,
  questions: z.array(questionSchema).min(1),
});

export const catalogueEntrySchema = z.strictObject({
  /** the exact text or code the API returns; matched case-insensitively as a substring */
  match: z.string().trim().min(3, 'must be at least 3 characters so it cannot match everything').max(200),
  status: z.number().int().min(100).max(599).optional(),
  /** cause id -> weight */
  causes: z.record(id, z.number().min(0).max(10)).refine((m) => Object.keys(m).length > 0, {
    message: 'must name at least one cause',
  }),
  /** one sentence in our own words on what the provider means by it */
  note: z.string().optional(),
  /** where the string was documented */
  source: z.string().optional(),
  /** evidence signals the string proves on its own (e.g. "Bad credentials" proves a credential was sent) */
  signals: z.array(signalName).optional(),
});

export const catalogueFileSchema = z.strictObject({
  provider: id,
  errors: z.array(catalogueEntrySchema).min(1),
});

export const authFormSchema = z.strictObject({
  /** header name, lowercase: 'authorization', 'x-api-key', 'api-key'; or 'query' for a URL parameter */
  header: z.string().toLowerCase(),
  /** scheme for the Authorization header, lowercase: 'bearer', 'basic', 'bot', 'token' */
  scheme: z.string().toLowerCase().optional(),
  /** query parameter name when header is 'query' */
  param: z.string().optional(),
  /** true when this form is only for short-lived OAuth / Entra ID tokens (JWTs), never for an API key */
  tokens_only: z.boolean().optional(),
});

export const providerSchema = z.strictObject({
  id,
  name: nonEmpty,
  /** hostnames (or suffixes) of the provider's API */
  hosts: z.array(nonEmpty).default([]),
  /** words that name the provider in free text */
  keywords: z.array(nonEmpty).default([]),
  /** the ways this provider accepts a credential; empty means "any" */
  auth: z.array(authFormSchema).default([]),
  docs: z.url().optional(),
  /** the environment variables its SDKs and CLIs read the credential from, the usual one first */
  env: z.array(nonEmpty).optional(),
  /** one cheap authenticated request that tests a credential of this provider (shown in fixes) */
  check: z.string().optional(),
  /** providers whose name is part of this one's (Azure OpenAI names "openai" in its URLs): a bare mention is this one */
  subsumes: z.array(id).optional(),
});

/** A tool or wrapper between the user and the API (a CLI, a CI system, a framework, an editor extension). */
export const toolSchema = z.strictObject({
  id,
  name: nonEmpty,
  /** words or command fragments that show the tool is in use, matched case-insensitively on word boundaries */
  keywords: z.array(nonEmpty).min(1),
  /** the environment variables this tool reads the credential from, the usual one first */
  env: z.array(nonEmpty).optional(),
  /** the provider it talks to, when it talks to one only */
  provider: id.optional(),
});

export const providersFileSchema = z.strictObject({
  providers: z.array(providerSchema).min(1),
  tools: z.array(toolSchema).optional(),
});

/** Phrases in other languages that state one language-neutral symptom (matched as folded substrings). */
export const phraseGroupSchema = z.strictObject({
  /** the `symptom:*` or other evidence signal the phrases state */
  signal: signalName,
  /** ISO 639-1 code of the phrases' language */
  lang: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code such as "zh"'),
  /** what the phrases say, in English, for the explanation shown to the user */
  meaning: nonEmpty,
  match: z.array(z.string().trim().min(2, 'must be at least 2 characters')).min(1),
});

export const phrasesFileSchema = z.strictObject({
  phrases: z.array(phraseGroupSchema).min(1),
});

export type CodeSnippetDef = z.infer<typeof codeSnippetSchema>;
export type FixStep = z.infer<typeof fixStepSchema>;
export type Reference = z.infer<typeof referenceSchema>;
export type Cause = z.infer<typeof causeSchema>;
export type Answer = z.infer<typeof answerSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Tree = z.infer<typeof treeSchema>;
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema> & { provider: string };
export type Provider = z.infer<typeof providerSchema>;
export type Tool = z.infer<typeof toolSchema>;
export type PhraseGroup = z.infer<typeof phraseGroupSchema>;

/** The loaded, validated, cross-checked knowledge base the engine reads. Immutable once built. */
export interface Knowledge {
  tree: Tree;
  causes: ReadonlyMap<string, Cause>;
  questions: ReadonlyMap<string, Question>;
  catalogue: readonly CatalogueEntry[];
  providers: ReadonlyMap<string, Provider>;
  /** the learned scorer (model/scorer.json); without one the hand-tuned ranking is used */
  model?: ScorerModel;
  /** tools and wrappers recognised as evidence (optional so hand-built knowledge objects stay valid) */
  tools?: ReadonlyMap<string, Tool>;
  /** phrases in other languages mapped to language-neutral signals (optional like `tools`) */
  phrases?: readonly PhraseGroup[];
  /** the folder it was loaded from (for messages only) */
  source: string;
}
