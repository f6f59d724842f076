import type { Client, ClientChannel } from 'ssh2';
import { DEFAULT_MAX_LINE_CHARS, LineAssembler } from './lines';
import type { TailEvent } from './tail';

// Follows a downstream's log over ssh with `tail -F`, which handles rotation on the remote side.
// The connection is made (and its host key verified) by the caller, with the log-reading identity
// from the inventory: the trigger key cannot be used, its forced command only starts the sync.

export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function remoteTailCommand(file: string, initialLines = 1000): string {
  return `exec tail -n ${Math.max(0, Math.floor(initialLines))} -F -- ${shellQuote(file)}`;
}

export class RemoteTail {
  private channel?: ClientChannel;
  private readonly assembler: LineAssembler;
  private stopped = false;

  constructor(
    private readonly client: Client,
    readonly file: string,
    private readonly listener: (event: TailEvent) => void,
    private readonly options: { initialLines?: number; maxLineChars?: number } = {},
  ) {
    this.assembler = new LineAssembler(options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS);
  }

  /** Starts `tail -F` on the remote host; resolves when the command is running. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.client.exec(remoteTailCommand(this.file, this.options.initialLines), (error, channel) => {
        if (error) return reject(error);
        this.channel = channel;
        channel.on('data', (data: Buffer) => {
          const lines = this.assembler.push(data);
          if (lines.length) this.listener({ kind: 'lines', lines });
        });
        // tail reports truncation and rotation on stderr ("file truncated", "has been replaced").
        channel.stderr.on('data', (data: Buffer) => {
          const text = data.toString();
          if (/truncated/.test(text)) this.listener({ kind: 'truncated' });
          else if (/has been replaced|has appeared/.test(text)) this.listener({ kind: 'rotated' });
          else if (/cannot open|No such file|has become inaccessible/.test(text)) this.listener({ kind: 'missing' });
          else this.listener({ kind: 'error', message: text.trim() });
        });
        channel.on('close', (code: number | null) => {
          if (!this.stopped)
            this.listener({
              kind: 'error',
              message: `remote tail ended${code !== null && code !== undefined ? ` with exit code ${code}` : ''}`,
            });
        });
        resolve();
      });
    });
  }

  stop(): void {
    this.stopped = true;
    this.channel?.close();
    this.client.end();
  }
}
