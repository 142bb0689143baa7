/** What a command needs from the process, so commands stay testable and only main() sets the exit code. */
export interface CliContext {
  exitCode: number;
  /** stdout is an interactive terminal and we are not in CI: the TUI may start. */
  readonly interactive: boolean;
  /** One line on stderr, prefixed with the program name. */
  warn(message: string): void;
}
