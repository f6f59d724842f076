/** Where the CLI writes: results to stdout, messages to stderr, so `--format json` stays parseable. */
export interface Output {
  print(line: string): void;
  info(line: string): void;
  error(line: string): void;
}

export const processOutput: Output = {
  print: (line) => process.stdout.write(`${line}\n`),
  info: (line) => process.stderr.write(`${line}\n`),
  error: (line) => process.stderr.write(`push-mirror: ${line}\n`),
};

/** A mistake in how the command was called: exit code 2 with a usage hint. */
export class UsageError extends Error {}
