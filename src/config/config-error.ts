/** One configuration problem: which variable, what was expected, what was found (never a secret). */
export interface ConfigIssue {
  variable: string;
  message: string;
}

/** Thrown at start-up when the environment does not describe a runnable keydoctor; lists every problem. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    super(issues.map((i) => `${i.variable}: ${i.message}`).join('\n'));
    this.name = 'ConfigError';
    this.issues = issues;
  }

  /** The first variable at fault (convenient for single-problem checks). */
  get variable(): string {
    return this.issues[0]?.variable ?? '';
  }
}
