// The tokens bash sees in a sourced file: words (with their quoting and expansions kept apart, so the
// value of an assignment can be computed exactly as bash computes it) and operators. Follows bash
// 5.2's lexical rules: `#` comments at the start of a word, backslash-newline continuation (outside
// single quotes), '…', "…", $'…', $"…", ${…}, $(…), $((…)), `…`, `NAME=(…)` arrays and here-documents.
// Linear in the text; nesting deeper than MAX_DEPTH is reported, never recursed into.

import { dollar, type Scanner, type Stop } from './expansions';
import type { AssignmentWord, LexProblem, Lexed, Part, TextPart, Token, Word } from './tokens';

export type * from './tokens';

const MAX_DEPTH = 64;
const ASSIGN = /[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]\s]*\])?\+?=/y;
const OPERATORS = ['<<<', '<<-', '&>>', ';;&', '&&', '||', ';;', ';&', '|&', '<<', '>>', '<&', '>&', '<>', '>|', '&>'];

const META = new Set([' ', '\t', '\n', '|', '&', ';', '(', ')', '<', '>']);
const isMeta = (c: string | undefined): boolean => c !== undefined && META.has(c);

/** Characters with no meaning in each context: everything up to the next one that may end or quote. */
const PLAIN: Record<Stop, RegExp> = {
  word: /[^ \t\n|&;()<>\\$`'"\0]+/y,
  array: /[^ \t\n|&;()<>\\$`'"\0]+/y,
  dquote: /[^"\\$`\0]+/y,
  brace: /[^}\\$`'"\0]+/y,
  'brace-dquote': /[^}\\$`"\0]+/y,
};

export class Lexer implements Scanner {
  pos = 0;
  private depth = 0;
  readonly comments: { start: number; end: number }[] = [];
  readonly problems: LexProblem[] = [];
  private heredocs: { delimiter: string; strip: boolean }[] = [];

  constructor(readonly text: string) {}

  static lex(text: string): Lexed {
    const lexer = new Lexer(text);
    const tokens = lexer.tokens(false);
    return { tokens, comments: lexer.comments, problems: lexer.problems };
  }

  /** Tokens up to the end, or (inside `$(`) up to the unmatched `)`, which is consumed. */
  tokens(inParens: boolean): Token[] {
    const out: Token[] = [];
    const text = this.text;
    let parens = 0;
    while (this.pos < text.length) {
      const c = text[this.pos];
      // A carriage return is an ordinary character to bash: CRLF files give values ending in \r.
      if (c === ' ' || c === '\t' || c === '\0') {
        this.pos++;
      } else if (c === '\\' && text[this.pos + 1] === '\n') {
        this.pos += 2;
      } else if (c === '#') {
        const end = lineEnd(text, this.pos);
        this.comments.push({ start: this.pos, end });
        this.pos = end;
      } else if (c === '\n') {
        out.push({ kind: 'op', op: '\n', start: this.pos, end: this.pos + 1 });
        this.pos++;
        if (this.heredocs.length) this.skipHeredocs();
      } else if (c === ')' && inParens && parens === 0) {
        this.pos++;
        return out;
      } else if (isMeta(c)) {
        const op = OPERATORS.find((o) => text.startsWith(o, this.pos)) ?? c;
        out.push({ kind: 'op', op, start: this.pos, end: this.pos + op.length });
        this.pos += op.length;
        if (op === '(') parens++;
        else if (op === ')') parens--;
        else if (op === '<<' || op === '<<-') this.heredoc(op === '<<-');
      } else {
        out.push(this.word());
      }
    }
    if (inParens)
      this.problems.push({
        start: text.length,
        end: text.length,
        message: 'unexpected EOF while looking for matching `)`',
      });
    return out;
  }

  /** The delimiter word after `<<`; its body is skipped at the next newline. */
  private heredoc(strip: boolean): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
    if (this.pos >= this.text.length || isMeta(this.text[this.pos])) return;
    const word = this.word();
    const delimiter = word.parts.map((p) => (p.type === 'text' ? p.value : this.text.slice(p.start, p.end))).join('');
    this.heredocs.push({ delimiter, strip });
  }

  private skipHeredocs(): void {
    const text = this.text;
    for (const doc of this.heredocs) {
      for (;;) {
        if (this.pos >= text.length) {
          this.problems.push({
            start: text.length,
            end: text.length,
            message: `here-document delimited by end-of-file (wanted \`${doc.delimiter}')`,
          });
          break;
        }
        const end = lineEnd(text, this.pos);
        let line = text.slice(this.pos, end);
        if (doc.strip) line = line.replace(/^\t+/, '');
        this.pos = Math.min(end + 1, text.length);
        if (line === doc.delimiter) break;
      }
    }
    this.heredocs = [];
  }

  private word(): Word {
    const start = this.pos;
    ASSIGN.lastIndex = start;
    const m = ASSIGN.exec(this.text);
    let assign: AssignmentWord | undefined;
    const parts: Part[] = [];
    if (m) {
      const raw = m[0];
      const bracket = raw.indexOf('[');
      const nameEnd = start + (bracket >= 0 ? bracket : raw.length - (raw.endsWith('+=') ? 2 : 1));
      assign = {
        name: this.text.slice(start, nameEnd),
        nameStart: start,
        nameEnd,
        append: raw.endsWith('+='),
        valueStart: start + raw.length,
        ...(bracket >= 0 ? { subscript: raw.slice(bracket + 1, raw.lastIndexOf(']')) } : {}),
      };
      this.pos = assign.valueStart;
      if (this.text[this.pos] === '(') {
        assign.array = this.array();
        return { kind: 'word', start, end: this.pos, parts: [], assign };
      }
    }
    this.parts('word', parts, false);
    return { kind: 'word', start, end: this.pos, parts, ...(assign ? { assign } : {}) };
  }

  /** `(a b c)` after `NAME=`: words up to the closing `)`, newlines and comments allowed. */
  private array(): Word[] {
    const text = this.text;
    const open = this.pos++;
    const words: Word[] = [];
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n') this.pos++;
      else if (c === '\\' && text[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') this.pos = lineEnd(text, this.pos);
      else if (c === ')') {
        this.pos++;
        return words;
      } else if (isMeta(c)) {
        this.problems.push({
          start: this.pos,
          end: this.pos + 1,
          message: `syntax error near unexpected token \`${c}'`,
        });
        this.pos++;
      } else {
        const start = this.pos;
        const parts: Part[] = [];
        this.parts('array', parts, false);
        words.push({ kind: 'word', start, end: this.pos, parts });
      }
    }
    this.problems.push({ start: open, end: open + 1, message: 'unexpected EOF while looking for matching `)`' });
    return words;
  }

  /**
   * Parts of a word until its end: an unquoted metacharacter (`word`, `array`), the closing `"`
   * (`dquote`), or the closing `}` of `${…}` (`brace`, `brace-dquote` inside double quotes).
   */
  parts(stop: Stop, out: Part[], quoted: boolean): void {
    const text = this.text;
    let lit = '';
    let litStart = this.pos;
    const flush = (end: number) => {
      if (end > litStart || lit) out.push({ type: 'text', value: lit, start: litStart, end, quoted });
      lit = '';
    };
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (stop === 'dquote' && c === '"') return flush(this.pos);
      if ((stop === 'brace' || stop === 'brace-dquote') && c === '}') return flush(this.pos);
      if ((stop === 'word' || stop === 'array') && (isMeta(c) || (stop === 'array' && c === ')')))
        return flush(this.pos);
      const inDouble = stop === 'dquote' || stop === 'brace-dquote';
      // bash drops NUL bytes from what it reads.
      if (c === '\0') {
        this.pos++;
        continue;
      }
      if (c === '\\') {
        const next = text[this.pos + 1];
        if (next === '\n') {
          this.pos += 2;
          continue;
        }
        if (next === undefined) {
          lit += '\\';
          this.pos++;
          continue;
        }
        if (inDouble && !'$`"\\'.includes(next) && !(stop === 'brace-dquote' && next === '}')) lit += '\\';
        lit += next;
        this.pos += 2;
        continue;
      }
      if (c === '$' || c === '`') {
        flush(this.pos);
        out.push(dollar(this, quoted || inDouble));
        litStart = this.pos;
        continue;
      }
      if (!inDouble && c === "'") {
        flush(this.pos);
        out.push(this.single());
        litStart = this.pos;
        continue;
      }
      if ((!inDouble || stop === 'brace-dquote') && c === '"') {
        flush(this.pos);
        const open = this.pos++;
        const inner: Part[] = [];
        this.nested(() => this.parts('dquote', inner, true));
        if (text[this.pos] === '"') this.pos++;
        else
          this.problems.push({ start: open, end: open + 1, message: 'unexpected EOF while looking for matching `"\'' });
        if (!inner.length) inner.push({ type: 'text', value: '', start: open, end: this.pos, quoted: true });
        out.push(...inner);
        litStart = this.pos;
        continue;
      }
      // A run of ordinary characters is copied at once (a 10 MB value is one slice, not 10 M appends).
      const plain = PLAIN[stop];
      plain.lastIndex = this.pos;
      const run = plain.exec(text);
      const end = run && run[0].length ? this.pos + run[0].length : this.pos + 1;
      lit += text.slice(this.pos, end);
      this.pos = end;
    }
    flush(this.pos);
  }

  private single(): TextPart {
    const open = this.pos;
    const close = this.text.indexOf("'", open + 1);
    if (close < 0) {
      this.problems.push({ start: open, end: open + 1, message: "unexpected EOF while looking for matching `''" });
      this.pos = this.text.length;
      return { type: 'text', value: this.text.slice(open + 1), start: open, end: this.pos, quoted: true };
    }
    this.pos = close + 1;
    return {
      type: 'text',
      value: this.text.slice(open + 1, close).replace(/\0/g, ''),
      start: open,
      end: this.pos,
      quoted: true,
    };
  }

  nested(body: () => void): void {
    if (this.depth >= MAX_DEPTH) {
      this.problems.push({
        start: this.pos,
        end: this.pos + 1,
        message: `nesting deeper than ${MAX_DEPTH} levels is not read`,
      });
      this.pos = this.text.length;
      return;
    }
    this.depth++;
    try {
      body();
    } finally {
      this.depth--;
    }
  }
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}
