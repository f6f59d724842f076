// Turns a byte stream into display-safe lines: streaming UTF-8 (a character split across reads is
// kept whole, invalid bytes become U+FFFD), control characters made visible so a log cannot send
// escape sequences to whatever shows it, and very long lines cut with a note of how much was left out.

export const DEFAULT_MAX_LINE_CHARS = 16 * 1024;

/** C0 controls (but tab) and DEL as their Unicode control pictures; C1 controls as U+FFFD. */
export function sanitize(text: string): string {
  return text.replace(/[\x00-\x08\x0a-\x1f\x7f\x80-\x9f]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return '\ufffd';
  });
}

export class LineAssembler {
  private decoder = new TextDecoder('utf-8', { fatal: false });
  private partial = '';
  private cut = 0;

  constructor(private readonly maxLineChars = DEFAULT_MAX_LINE_CHARS) {}

  /** Adds bytes; returns the lines they completed (without line breaks). */
  push(bytes: Uint8Array): string[] {
    return this.take(this.decoder.decode(bytes, { stream: true }));
  }

  /** Returns a last line that has no newline yet (and forgets it), e.g. before the file is truncated. */
  flush(): string | undefined {
    // The final decode only turns an incomplete character into U+FFFD; it never completes a line.
    this.append(this.decoder.decode());
    const last = this.partial || this.cut ? this.finish(this.partial) : undefined;
    this.reset();
    return last;
  }

  /** Drops any partial line and decoder state (after truncation or rotation). */
  reset(): void {
    this.partial = '';
    this.cut = 0;
    this.decoder = new TextDecoder('utf-8', { fatal: false });
  }

  private take(text: string): string[] {
    const lines: string[] = [];
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      this.append(text.slice(from, nl));
      lines.push(this.finish(this.partial));
      this.partial = '';
      this.cut = 0;
      from = nl + 1;
    }
    this.append(text.slice(from));
    return lines;
  }

  private append(piece: string): void {
    const room = this.maxLineChars - this.partial.length;
    if (piece.length <= room) this.partial += piece;
    else {
      this.partial += piece.slice(0, Math.max(0, room));
      this.cut += piece.length - Math.max(0, room);
    }
  }

  private finish(line: string): string {
    const body = sanitize(line.endsWith('\r') ? line.slice(0, -1) : line);
    return this.cut ? `${body} … [${this.cut} more characters]` : body;
  }
}
