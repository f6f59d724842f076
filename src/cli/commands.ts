/** The CLI's commands, read by main.ts and by the launcher, which keeps a code cache for each. */
export const CLI_COMMANDS = ['check', 'signal', 'status', 'keygen', 'login'] as const;
export type CliCommand = (typeof CLI_COMMANDS)[number];

export function isCliCommand(word: string | undefined): word is CliCommand {
  return (CLI_COMMANDS as readonly (string | undefined)[]).includes(word);
}
