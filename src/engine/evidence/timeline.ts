/** When it fails: it used to work, works locally, works in curl, never worked, sometimes, after re-login. */
import type { EvidenceItem } from '../types.ts';
import type { ExtractionInput } from './context.ts';
import { applyRules, type PhraseRule } from './rules.ts';

const TIMELINE_RULES: readonly PhraseRule[] = [
  {
    signal: 'timeline:worked-before',
    regex:
      /\b(?:(?:was|were|had been|has been|it's been|it was) working|used to work|worked (?:fine |perfectly |great |well )?(?:yesterday|before|last (?:week|month|night)|for (?:months|weeks|days|a (?:year|month|week|while))|until)|stopped working|(?:started|began) (?:to )?(?:fail|return|get|throw)\w{0,3}|(?:nobody|no one|noone) (?:touched|changed)|suddenly|all of a sudden|out of nowhere|since (?:yesterday|this morning|last)|this morning|nothing changed|didn'?t change anything|no changes?|worked fine|was fine)/,
    detail: 'it used to work ("$0")',
  },
  {
    signal: 'timeline:works-locally',
    regex:
      /\b(?:works?(?:ing)? (?:fine |perfectly |ok |great )?(?:locally|on (?:my )?(?:machine|laptop|localhost|local)|in dev|in development|on localhost)|locally (?:it )?works|fine locally|local(?:ly)? (?:is )?(?:fine|ok)|works on my machine)/,
    detail: 'it works locally ("$0")',
  },
  {
    signal: 'timeline:works-inline',
    regex:
      /\b(?:works? (?:fine |perfectly |ok )?(?:in|with|from|via|using) (?:curl|postman|insomnia|the playground|httpie|thunder client|swagger|the console|the dashboard)|(?:curl|postman|insomnia|the playground) (?:works|is fine|succeeds|returns 200)|hard[- ]?cod(?:e|ed|ing) (?:it |the key )?(?:works|fixes)|works? (?:when|if) i (?:hard[- ]?code|paste|put) (?:it|the key)|paste (?:it|the key) (?:directly|inline)|inline (?:it )?works)/,
    detail: 'it works when the key is given directly ("$0")',
  },
  {
    signal: 'timeline:never-worked',
    regex:
      /\b(?:never worked|(?:has|have) never (?:once )?worked|first time|just (?:created|generated|made|got|signed up)|brand new|newly created|from the (?:start|beginning)|can'?t get (?:it|this) to work|haven'?t been able to|never been able)/,
    detail: 'it never worked so far ("$0")',
  },
  {
    signal: 'timeline:intermittent',
    regex:
      /\b(?:sometimes|intermittent(?:ly)?|randomly|some (?:of the )?requests|occasionally|under (?:heavy )?load|every (?:few|other|now and then)|half (?:of )?the time|flaky|on and off|from time to time|after (?:a few|some|many) requests|in bursts|when (?:i send|sending) (?:many|a lot|lots))/,
    detail: 'it fails only some of the time ("$0")',
  },
  {
    signal: 'timeline:after-relogin',
    regex:
      /\b(?:(?:after|when i) (?:re-?login|logging in again|log(?:ging)? out and (?:back )?in|re-?authenticat\w{0,5}|sign(?:ing)? in again|restart\w{0,3})|works again after|works (?:again )?(?:if|when|after) i restart|re-?login fixes|(?:logging|log) in again fixes|after (?:about |exactly |roughly )?(?:an? |one |1 )?hour|every (?:hour|60 minutes)|after (?:60|sixty) minutes)/,
    detail: 'it works again after logging in again, or fails after a fixed time ("$0")',
  },
  {
    signal: 'timeline:after-update',
    regex:
      /\b(?:(?:after|since|with) (?:the |an? |my |this )?(?:latest |recent |last |new |newest )?(?:update|upgrade|updating|upgrading|release|version bump|new version|v?\d+\.\d+)|(?:after|since) (?:i |we )?(?:updated|upgraded|bumped|installed the (?:latest|new))|(?:updated|upgraded|bumped) (?:to|from) (?:the )?(?:v?\d|latest|newest|new)|(?:new|latest) (?:version|release) (?:broke|breaks|fails)|broke (?:in|with|after) (?:the )?(?:latest|new|v?\d)|regression (?:in|since|after))/,
    detail: 'it broke after an update ("$0")',
  },
];

/** A semantic version (1.2.3, v2.0.1-beta): a report quoting one comes from a form or names a release. */
const VERSION = /(?<![\w.])v?\d{1,4}\.\d{1,4}\.\d{1,6}(?:[-+][\w.]+)?(?![\w.])/;

/** Timeline signals from phrases in the text. */
export function extractTimeline(input: ExtractionInput): EvidenceItem[] {
  const out = applyRules(TIMELINE_RULES, input.lower);
  const version = VERSION.exec(input.lower);
  if (version) out.push({ signal: 'report:version', detail: `a version number is quoted ("${version[0]}")` });
  return out;
}
