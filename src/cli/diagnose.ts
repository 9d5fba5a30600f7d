/**
 * `keydoctor diagnose "text"` (or the text on stdin): one-shot diagnosis without dialogue.
 * Prints the reply as text (default) or markdown, or the ranking and evidence as JSON. Everything
 * printed comes from the engine's redacted output, so a pasted key is never echoed.
 */
import { credentialWarning } from '../engine/replies/credential-warning.ts';
import type { Engine, Evidence, Reply } from '../engine/types.ts';
import { diagnosisJson } from '../render/diagnosis-json.ts';
import { renderMarkdown } from '../render/markdown.ts';
import { renderText } from '../render/text.ts';
import { parseArgs } from './args.ts';
import type { CliCommand, CliIo } from './io.ts';
import { knowledgeDirFor, loadEngine } from './knowledge-engine.ts';
import { readAll } from './read-stdin.ts';

const USAGE = `Usage: keydoctor diagnose [--json | --markdown] [--knowledge DIR] "symptom text"
       some-command 2>&1 | keydoctor diagnose [--json]
`;

/** Said when the evidence does not settle one cause: the chat asks the questions that would. */
export const CHAT_HINT =
  'Not sure yet? `keydoctor chat` asks the follow-up questions that tell these causes apart.';

/** The one-shot reply with the engine's rotate-it warning first when a live key was pasted. */
export function withCredentialWarning(reply: Reply, evidence: Evidence): Reply {
  const warning = credentialWarning(evidence.credentials);
  if (!warning || reply.blocks.some((b) => b.type === 'warning')) return reply;
  return { ...reply, blocks: [warning, ...reply.blocks] };
}

export interface DiagnoseDeps {
  loadEngine(dir: string): Engine;
  now(): number;
}

function wantsColor(io: CliIo): boolean {
  return (io.stdout as { isTTY?: boolean }).isTTY === true && !io.env.NO_COLOR;
}

/** The command with its engine source injected (tests pass a fake). */
export function createDiagnoseCommand(deps: DiagnoseDeps): CliCommand {
  return async (args, io) => {
    const parsed = parseArgs(args, { booleans: ['json', 'markdown', 'help'], values: ['knowledge'] });
    if (parsed.flags.has('help')) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (parsed.problems.length > 0 || (parsed.flags.has('json') && parsed.flags.has('markdown'))) {
      const problems = parsed.problems.length > 0 ? parsed.problems : ['choose one of --json and --markdown'];
      io.stderr.write(`keydoctor diagnose: ${problems.join('; ')}\n${USAGE}`);
      return 2;
    }
    const fromArgs = parsed.positionals.filter((p) => p !== '-').join(' ');
    if (!fromArgs && io.stdin.isTTY) {
      io.stderr.write(`keydoctor diagnose: give the symptom as an argument or on stdin\n${USAGE}`);
      return 2;
    }
    const text = fromArgs || (await readAll(io.stdin));
    const engine = deps.loadEngine(knowledgeDirFor(parsed.values.get('knowledge'), io));
    const { outcome, evidence, reply: bare } = engine.diagnose(text, { now: deps.now() });
    // a one-shot answer offers no buttons: there is no conversation to continue
    const reply = { ...withCredentialWarning(bare, evidence), choices: [] };
    const hint = outcome.kind === 'matched' ? '' : CHAT_HINT;
    if (parsed.flags.has('json')) {
      io.stdout.write(`${JSON.stringify(diagnosisJson(outcome, evidence), null, 2)}\n`);
    } else if (parsed.flags.has('markdown')) {
      io.stdout.write(`${renderMarkdown(reply)}${hint ? `\n_${hint}_\n` : ''}`);
    } else {
      io.stdout.write(`${renderText(reply, { color: wantsColor(io) })}\n${hint ? `\n${hint}\n` : ''}`);
    }
    return 0;
  };
}

export const run: CliCommand = createDiagnoseCommand({ loadEngine, now: Date.now });
