/**
 * One labelled evaluation case and the parser of a `.jsonl` file of them. Lines are validated with
 * zod; a bad line stops the run with an error naming `file:line` and the field, because a silently
 * skipped case would quietly change the measured accuracy.
 */
import { z } from 'zod';

/** Longest case text accepted; the engine caps what it analyses anyway, this only stops absurd files. */
export const MAX_CASE_TEXT_CHARS = 100_000;

/** The fields of one line. Unknown fields are ignored (zod strips them) so the format can grow. */
const evalLineSchema = z.object({
  text: z.string().min(1, 'must be a non-empty string').max(MAX_CASE_TEXT_CHARS),
  cause: z.string().min(1, 'must be a non-empty cause id'),
  also: z.array(z.string().min(1)).default([]),
  provider: z.string().optional(),
  style: z.string().optional(),
  /** where a real report came from, `owner/repo#N`: cross-validation groups by the repository */
  source: z.string().optional(),
});

export interface EvalCase {
  /** 1-based line number in the file, for reports */
  line: number;
  text: string;
  /** the expected cause id */
  cause: string;
  /** other cause ids that also count as a hit (genuinely ambiguous texts) */
  also: string[];
  provider?: string;
  style?: string;
  source?: string;
}

/** A file of cases that cannot be used as it is: the message names file, line and field. */
export class EvalCasesError extends Error {
  readonly code = 'EVAL_CASES_INVALID';
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'EvalCasesError';
  }
}

function isSkippable(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('//');
}

/** Parses a `.jsonl` file of cases; blank lines and `//` comment lines are skipped. Throws EvalCasesError. */
export function parseEvalCases(text: string, file: string): EvalCase[] {
  const cases: EvalCase[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (isSkippable(raw)) continue;
    const lineNo = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new EvalCasesError(`${file}:${lineNo}: not valid JSON (${why})`, file, lineNo);
    }
    const parsed = evalLineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.length > 0 ? issue.path.join('.') : undefined;
      const where = field ? `field "${field}" ` : '';
      throw new EvalCasesError(`${file}:${lineNo}: ${where}${issue.message}`, file, lineNo, field);
    }
    const { text: caseText, cause, also, provider, style, source } = parsed.data;
    cases.push({
      line: lineNo,
      text: caseText,
      cause,
      also,
      ...(provider !== undefined ? { provider } : {}),
      ...(style !== undefined ? { style } : {}),
      ...(source !== undefined ? { source } : {}),
    });
  }
  return cases;
}
