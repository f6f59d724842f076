import { classifyLine, type LineKind } from './classify';

// The lines a tail shows: the newest `capacity` lines only, so memory does not grow with the log.
// Counts cover everything seen since the tail started, including lines already dropped.

export class LogBuffer {
  private lines: string[] = [];
  private kinds: LineKind[] = [];
  /** Absolute number of the first kept line among all lines seen. */
  private dropped = 0;
  errors = 0;
  warnings = 0;
  private lastError?: number;
  /** Increments on every change, so views can tell whether they are current. */
  version = 0;

  constructor(readonly capacity = 10000) {}

  append(lines: readonly string[]): void {
    if (!lines.length) return;
    for (const line of lines) {
      const kind = classifyLine(line);
      if (kind === 'error') {
        this.errors++;
        this.lastError = this.dropped + this.lines.length;
      } else if (kind === 'warning') this.warnings++;
      this.lines.push(line);
      this.kinds.push(kind);
    }
    const excess = this.lines.length - this.capacity;
    if (excess > 0) {
      // splice once per batch, not per line: appends stay O(batch) amortised.
      this.lines.splice(0, excess);
      this.kinds.splice(0, excess);
      this.dropped += excess;
    }
    this.version++;
  }

  /** A visible marker line (truncation, rotation) that counts as neither error nor warning. */
  mark(text: string): void {
    this.lines.push(text);
    this.kinds.push('info');
    this.version++;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** Line index (within what is kept) of the last error, if it is still kept. */
  get lastErrorLine(): number | undefined {
    if (this.lastError === undefined) return undefined;
    const index = this.lastError - this.dropped;
    return index >= 0 ? index : undefined;
  }

  /** Index of the last error before `line` (for stepping backwards through errors). */
  previousError(line: number): number | undefined {
    for (let i = Math.min(line, this.kinds.length) - 1; i >= 0; i--) if (this.kinds[i] === 'error') return i;
    return undefined;
  }

  text(): string {
    return this.lines.length ? `${this.lines.join('\n')}\n` : '';
  }

  clear(): void {
    this.dropped += this.lines.length;
    this.lines = [];
    this.kinds = [];
    this.version++;
  }
}
