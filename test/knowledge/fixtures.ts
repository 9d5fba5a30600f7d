/**
 * Typed builders for small knowledge bases: a test starts from a valid one and breaks one thing.
 * Values are serialised with `yaml`, so files stay readable and keep their key order.
 */
import { stringify } from 'yaml';
import type { z } from 'zod';
import type { KnowledgeFile } from '../../src/knowledge/load.ts';
import type {
  answerSchema,
  catalogueEntrySchema,
  catalogueFileSchema,
  causeSchema,
  providerSchema,
  questionSchema,
  treeSchema,
} from '../../src/knowledge/schema.ts';

export type CauseInput = z.input<typeof causeSchema>;
export type QuestionInput = z.input<typeof questionSchema>;
export type AnswerInput = z.input<typeof answerSchema>;
export type ProviderInput = z.input<typeof providerSchema>;
export type CatalogueEntryInput = z.input<typeof catalogueEntrySchema>;
export type CatalogueInput = z.input<typeof catalogueFileSchema>;
export type TreeInput = z.input<typeof treeSchema>;

/** A knowledge folder as typed parts; tests change one part, then serialise it with `toFiles`. */
export interface KnowledgeFixture {
  tree: TreeInput;
  providers: { providers: ProviderInput[] };
  /** file name (without causes/ and .yaml) -> cause */
  causes: Record<string, CauseInput>;
  /** file name (without errors/ and .yaml) -> catalogue */
  catalogues: Record<string, CatalogueInput>;
  /** path -> any content, replacing or adding a file: raw text for syntax errors, values for shape errors */
  raw: Record<string, unknown>;
}

export function cause(id: string, overrides: Partial<CauseInput> = {}): CauseInput {
  return {
    id,
    title: `Title of ${id}`,
    summary: `What ${id} means.`,
    statuses: [401],
    confirm: [`Check whether ${id} applies.`],
    fix: [{ text: `Fix ${id}.`, code: { language: 'sh', code: 'curl -i https://api.example.com' } }],
    prevent: [`Prevent ${id}.`],
    providers: ['any'],
    references: [{ title: 'RFC 6750', url: 'https://www.rfc-editor.org/rfc/rfc6750' }],
    symptoms: [`${id} symptom one`, `${id} symptom two`, `${id} symptom three`],
    signals: { 'status:401': 1 },
    ...overrides,
  };
}

export function answer(id: string, next: string[], overrides: Partial<AnswerInput> = {}): AnswerInput {
  return { id, label: `Answer ${id}`, next, ...overrides };
}

export function question(
  id: string,
  answers: AnswerInput[],
  overrides: Partial<QuestionInput> = {},
): QuestionInput {
  return { id, text: `Question ${id}?`, answers, ...overrides };
}

export function provider(id: string, overrides: Partial<ProviderInput> = {}): ProviderInput {
  return { id, name: id.toUpperCase(), hosts: [`api.${id}.example`], ...overrides };
}

export function catalogueEntry(match: string, causes: Record<string, number>): CatalogueEntryInput {
  return { match, status: 401, causes };
}

/**
 * A valid knowledge base: root question `q-start` leads to `key-missing` and to question
 * `q-header`, which separates `missing-bearer-prefix` from `wrong-scheme`.
 */
export function validFixture(): KnowledgeFixture {
  return {
    tree: {
      root: 'q-start',
      questions: [
        question('q-start', [answer('a-no-key', ['key-missing']), answer('a-header', ['q-header'])]),
        question('q-header', [
          answer('a-bare', ['missing-bearer-prefix']),
          answer('a-token', ['wrong-scheme']),
        ]),
      ],
    },
    providers: { providers: [provider('openai'), provider('anthropic')] },
    causes: {
      'key-missing': cause('key-missing'),
      'missing-bearer-prefix': cause('missing-bearer-prefix', { providers: ['openai'] }),
      'wrong-scheme': cause('wrong-scheme', { provider_notes: { anthropic: 'Anthropic wants x-api-key.' } }),
    },
    catalogues: {
      openai: {
        provider: 'openai',
        errors: [
          catalogueEntry('Incorrect API key provided', { 'wrong-scheme': 2 }),
          catalogueEntry("You didn't provide an API key", { 'key-missing': 3 }),
        ],
      },
    },
    raw: { 'README.md': '# notes for operators: ignored by the loader\n' },
  };
}

/** The path of a cause file inside the knowledge folder. */
export const causePath = (name: string) => `causes/${name}.yaml`;
/** The path of a catalogue file inside the knowledge folder. */
export const cataloguePath = (name: string) => `errors/${name}.yaml`;

/** Serialises a fixture into knowledge files (paths relative to the folder). */
export function toFiles(fixture: KnowledgeFixture): KnowledgeFile[] {
  const contents = new Map<string, unknown>([
    ['tree.yaml', fixture.tree],
    ['providers.yaml', fixture.providers],
  ]);
  for (const [name, value] of Object.entries(fixture.causes)) contents.set(causePath(name), value);
  for (const [name, value] of Object.entries(fixture.catalogues)) contents.set(cataloguePath(name), value);
  for (const [path, value] of Object.entries(fixture.raw)) contents.set(path, value);
  return [...contents]
    .filter(([, content]) => content !== undefined)
    .map(([path, content]) => ({ path, text: typeof content === 'string' ? content : stringify(content) }));
}

/** The text a fixture's file serialises to, so a test can find the line it expects. */
export function textOf(fixture: KnowledgeFixture, path: string): string {
  const file = toFiles(fixture).find((f) => f.path === path);
  if (!file) throw new Error(`fixture has no file ${path}`);
  return file.text;
}

/** 1-based number of the first line of `text` containing `needle` (fails loudly when absent). */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`fixture text does not contain ${JSON.stringify(needle)}`);
  return index + 1;
}

/** 1-based number of the last line of `text` containing `needle` (fails loudly when absent). */
export function lastLineOf(text: string, needle: string): number {
  const index = text.split('\n').findLastIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`fixture text does not contain ${JSON.stringify(needle)}`);
  return index + 1;
}
