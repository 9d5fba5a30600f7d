/** The attacks recheck built against the credential patterns (redos-attacks.json), as inputs. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MAX_TEXT_CHARS } from '../src/http/diagnose-api.ts';

/** An attack recheck built on one credential pattern. */
export interface RecordedAttack {
  /** The pattern's id (patternId). */
  id: string;
  /** The pattern's first characters, to name it. */
  pattern: string;
  /** The polynomial's degree recheck found, or null for exponential. */
  degree: number | null;
  prefix: string;
  pumps: { prefix: string; pump: string }[];
  suffix: string;
}

export interface RecordedAttacks {
  /** The id of every pattern recheck has checked. */
  checked: string[];
  attacks: RecordedAttack[];
}

/** A pattern's id: a hash of its flags and source, so any change to it asks for a new check. */
export function patternId(regex: RegExp): string {
  return createHash('sha256').update(`${regex.flags}/${regex.source}`).digest('hex').slice(0, 16);
}

/** Where `npm run bench:attacks` writes the checks and their attacks. */
export const RECORDED_ATTACKS_FILE = fileURLToPath(new URL('./redos-attacks.json', import.meta.url));

export function recordedAttacks(): RecordedAttacks {
  return JSON.parse(readFileSync(RECORDED_ATTACKS_FILE, 'utf8')) as RecordedAttacks;
}

/** Each recorded attack with its repeated parts grown, in turn, until the text reaches the cap. */
export function attackInputs(length = MAX_TEXT_CHARS): { name: string; text: string }[] {
  return recordedAttacks().attacks.map((a) => {
    const fixed = a.prefix.length + a.suffix.length + a.pumps.reduce((n, p) => n + p.prefix.length, 0);
    const perRound = Math.max(
      1,
      a.pumps.reduce((n, p) => n + p.pump.length, 0),
    );
    const rounds = Math.max(1, Math.floor((length - fixed) / perRound));
    const text = `${a.prefix}${a.pumps.map((p) => p.prefix + p.pump.repeat(rounds)).join('')}${a.suffix}`;
    return { name: `attack on /${a.pattern.slice(0, 24)}.../`, text: text.slice(0, length) };
  });
}
