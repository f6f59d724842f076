import { sanitize } from '../engine/logs/lines';

/** Where the CLI writes: results to stdout, messages to stderr, so `--format json` stays parseable. */
export interface Output {
  print(line: string): void;
  info(line: string): void;
  error(line: string): void;
}

/**
 * Text that may quote file content (a config value, a file name, a downstream's ssh output) with
 * its control characters shown as the tail shows them (ESC as ␛, C1 as U+FFFD), line by line, so a
 * file cannot send escape sequences to the terminal that runs `push-mirror`.
 */
export function visible(text: string): string {
  return text.split('\n').map(sanitize).join('\n');
}

/**
 * JSON with DEL and the C1 controls escaped too (JSON.stringify leaves them raw), so the document is
 * safe on a terminal and still parses to exactly the same values.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A stream the reader closed (`push-mirror check … | head -1`) is written to no more, quietly: no
 * `write EPIPE` stack. The command still finishes and exits with its usual status (0/1/2), which is
 * what `set -o pipefail` scripts see; the shell reports `head`'s status otherwise.
 */
function quietWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  let listening = false;
  return (text) => {
    if (closed) return;
    if (!listening) {
      listening = true;
      stream.on('error', () => {
        closed = true;
      });
    }
    stream.write(text);
  };
}

const stdout = quietWriter(process.stdout);
const stderr = quietWriter(process.stderr);

export const processOutput: Output = {
  print: (line) => stdout(`${visible(line)}\n`),
  info: (line) => stderr(`${visible(line)}\n`),
  error: (line) => stderr(`push-mirror: ${visible(line)}\n`),
};

/** A mistake in how the command was called: exit code 2 with a usage hint. */
export class UsageError extends Error {}
