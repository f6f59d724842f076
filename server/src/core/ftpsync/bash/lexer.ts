// The tokens bash sees in a sourced file: words (with their quoting and expansions kept apart, so the
// value of an assignment can be computed exactly as bash computes it) and operators. Follows bash
// 5.2's lexical rules: `#` comments at the start of a word, backslash-newline continuation (outside
// single quotes), '…', "…", $'…', $"…", ${…}, $(…), $((…)), `…`, `NAME=(…)` arrays and here-documents.
// Linear in the text; nesting deeper than MAX_DEPTH is reported, never recursed into.

export interface TextPart {
  type: 'text';
  /** The characters after quote removal. */
  value: string;
  start: number;
  end: number;
  /** Inside any quotes (no tilde expansion, no word splitting). */
  quoted: boolean;
}

export interface ParamPart {
  type: 'param';
  /** Variable name, positional number or special character (`@`, `*`, `#`, `?`, `-`, `$`, `!`, `0`). */
  name: string;
  /** Operator of `${name<op>arg}`: `:-`, `-`, `:=`, `=`, `:?`, `?`, `:+`, `+`, `#`, `##`, `%`, `%%`, `/`, `//`, `/#`, `/%`, `:`, `^`, `^^`, `,`, `,,`, `@`; '' for none. */
  op: string;
  arg?: Part[];
  /** `${#name}`. */
  length?: boolean;
  /** `${!name}`. */
  indirect?: boolean;
  /** `${…}` that bash rejects at expansion ("bad substitution"). */
  bad?: boolean;
  braced: boolean;
  quoted: boolean;
  start: number;
  end: number;
  /** Span of the name, for hovers and references. */
  nameStart: number;
}

export interface CommandPart {
  type: 'command';
  /** The source between `$(` and `)` or the backticks. */
  body: string;
  bodyStart: number;
  quoted: boolean;
  start: number;
  end: number;
}

export interface ArithPart {
  type: 'arith';
  expr: string;
  quoted: boolean;
  start: number;
  end: number;
}

export type Part = TextPart | ParamPart | CommandPart | ArithPart;

export interface AssignmentWord {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** `NAME+=value`. */
  append: boolean;
  /** `NAME[index]=value`. */
  subscript?: string;
  /** Where the value's source starts (just after `=`). */
  valueStart: number;
  /** `NAME=(a b c)`: the elements. */
  array?: Word[];
}

export interface Word {
  kind: 'word';
  start: number;
  end: number;
  parts: Part[];
  /** Set when the word has the shape of an assignment (only one at a command's start is one). */
  assign?: AssignmentWord;
}

export interface Operator {
  kind: 'op';
  op: string;
  start: number;
  end: number;
}

export type Token = Word | Operator;

export interface LexProblem {
  start: number;
  end: number;
  message: string;
}

export interface Lexed {
  tokens: Token[];
  comments: { start: number; end: number }[];
  problems: LexProblem[];
}

const MAX_DEPTH = 64;
const ASSIGN = /[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]\s]*\])?\+?=/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const OPERATORS = ['<<<', '<<-', '&>>', ';;&', '&&', '||', ';;', ';&', '|&', '<<', '>>', '<&', '>&', '<>', '>|', '&>'];

function isMeta(c: string | undefined): boolean {
  return (
    c === ' ' ||
    c === '\t' ||
    c === '\n' ||
    c === '|' ||
    c === '&' ||
    c === ';' ||
    c === '(' ||
    c === ')' ||
    c === '<' ||
    c === '>'
  );
}

type Stop = 'word' | 'dquote' | 'brace' | 'brace-dquote' | 'array';

/** Characters with no meaning in each context: everything up to the next one that may end or quote. */
const PLAIN: Record<Stop, RegExp> = {
  word: /[^ \t\n|&;()<>\\$`'"\0]+/y,
  array: /[^ \t\n|&;()<>\\$`'"\0]+/y,
  dquote: /[^"\\$`\0]+/y,
  brace: /[^}\\$`'"\0]+/y,
  'brace-dquote': /[^}\\$`"\0]+/y,
};

export class Lexer {
  private pos = 0;
  private depth = 0;
  readonly comments: { start: number; end: number }[] = [];
  readonly problems: LexProblem[] = [];
  private heredocs: { delimiter: string; strip: boolean }[] = [];

  constructor(private readonly text: string) {}

  static lex(text: string): Lexed {
    const lexer = new Lexer(text);
    const tokens = lexer.tokens(false);
    return { tokens, comments: lexer.comments, problems: lexer.problems };
  }

  /** Tokens up to the end, or (inside `$(`) up to the unmatched `)`, which is consumed. */
  private tokens(inParens: boolean): Token[] {
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
  private parts(stop: Stop, out: Part[], quoted: boolean): void {
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
        out.push(this.dollar(quoted || inDouble));
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

  private nested(body: () => void): void {
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

  /** `$…` or a backtick command substitution, at `this.pos`. */
  private dollar(quoted: boolean): Part {
    const text = this.text;
    const start = this.pos;
    if (text[start] === '`') return this.backtick(quoted);
    const next = text[start + 1];
    if (next === '(' && text[start + 2] === '(') {
      const close = findArithEnd(text, start + 3);
      this.pos = close < 0 ? text.length : close + 2;
      if (close < 0)
        this.problems.push({ start, end: start + 3, message: "unexpected EOF while looking for matching `))'" });
      return {
        type: 'arith',
        expr: text.slice(start + 3, close < 0 ? text.length : close),
        quoted,
        start,
        end: this.pos,
      };
    }
    if (next === '(') {
      this.pos = start + 2;
      this.nested(() => this.tokens(true));
      return {
        type: 'command',
        body: text.slice(start + 2, Math.max(start + 2, this.pos - 1)),
        bodyStart: start + 2,
        quoted,
        start,
        end: this.pos,
      };
    }
    if (next === '{') return this.braced(quoted);
    if (next === "'" && !quoted) {
      this.pos = start + 1;
      const { value, end } = ansiC(text, start + 2, this.problems);
      this.pos = end;
      return { type: 'text', value, start, end, quoted: true };
    }
    if (next === '"' && !quoted) {
      // $"…" is a translated string; without a message catalog it is "…".
      this.pos = start + 1;
      return { type: 'text', value: '', start, end: start + 1, quoted: false };
    }
    NAME.lastIndex = start + 1;
    const name = NAME.exec(text);
    if (name) {
      this.pos = start + 1 + name[0].length;
      return {
        type: 'param',
        name: name[0],
        op: '',
        braced: false,
        quoted,
        start,
        end: this.pos,
        nameStart: start + 1,
      };
    }
    if (next !== undefined && /[0-9@*#?\-$!]/.test(next)) {
      this.pos = start + 2;
      return { type: 'param', name: next, op: '', braced: false, quoted, start, end: this.pos, nameStart: start + 1 };
    }
    this.pos = start + 1;
    return { type: 'text', value: '$', start, end: this.pos, quoted };
  }

  private backtick(quoted: boolean): CommandPart {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    while (i < text.length && text[i] !== '`') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) {
      this.problems.push({ start, end: start + 1, message: "unexpected EOF while looking for matching ``'" });
      this.pos = text.length;
    } else this.pos = i + 1;
    return {
      type: 'command',
      body: text.slice(start + 1, Math.min(i, text.length)),
      bodyStart: start + 1,
      quoted,
      start,
      end: this.pos,
    };
  }

  /** `${…}`: `#`/`!` prefix, a name, an operator and its argument word. */
  private braced(quoted: boolean): ParamPart {
    const text = this.text;
    const start = this.pos;
    let i = start + 2;
    const part: ParamPart = { type: 'param', name: '', op: '', braced: true, quoted, start, end: start, nameStart: i };
    if (text[i] === '#' && text[i + 1] !== '}' && !/[-=?+:%#/]/.test(text[i + 1] ?? '')) {
      part.length = true;
      i++;
    } else if (text[i] === '!' && text[i + 1] !== '}') {
      part.indirect = true;
      i++;
    }
    part.nameStart = i;
    NAME.lastIndex = i;
    const name = NAME.exec(text);
    if (name) {
      i += name[0].length;
      // `${NAME[sub]}`: the subscript stays part of the name.
      if (text[i] === '[') {
        const close = text.indexOf(']', i);
        if (close > 0 && !text.slice(i, close).includes('}')) i = close + 1;
      }
    } else if (/[0-9]/.test(text[i] ?? '')) while (/[0-9]/.test(text[i] ?? '')) i++;
    else if (/[@*#?\-$!]/.test(text[i] ?? '')) i++;
    part.name = text.slice(part.nameStart, i);
    const rest = text.slice(i, i + 2);
    const op =
      ['##', '%%', '//', '/#', '/%', '^^', ',,', ':-', ':=', ':?', ':+'].find((o) => rest.startsWith(o)) ??
      (/^[-=?+#%/:^,@]/.test(rest) ? rest[0] : '');
    i += op.length;
    part.op = op;
    this.pos = i;
    if (!part.name) part.bad = true;
    if (text[i] !== '}') {
      if (!op) part.bad = true;
      const arg: Part[] = [];
      this.nested(() => this.parts(quoted ? 'brace-dquote' : 'brace', arg, quoted));
      part.arg = arg;
    } else if (op) part.arg = [];
    if (text[this.pos] === '}') this.pos++;
    else this.problems.push({ start, end: start + 2, message: "unexpected EOF while looking for matching `}'" });
    part.end = this.pos;
    return part;
  }
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/** Index of the `))` closing `$((`, counting parentheses; -1 when there is none. */
function findArithEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return text[i + 1] === ')' ? i : -1;
      depth--;
    }
  }
  return -1;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** The value of `$'…'` whose body starts at `from`; `end` is just past the closing quote. */
function ansiC(text: string, from: number, problems: LexProblem[]): { value: string; end: number } {
  let value = '';
  let i = from;
  while (i < text.length && text[i] !== "'") {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) {
      value += c;
      i++;
      continue;
    }
    const e = text[i + 1];
    i += 2;
    if (SIMPLE_ESCAPES[e] !== undefined && Object.hasOwn(SIMPLE_ESCAPES, e)) value += SIMPLE_ESCAPES[e];
    else if (/[0-7]/.test(e)) {
      let digits = e;
      while (digits.length < 3 && /[0-7]/.test(text[i] ?? '')) digits += text[i++];
      value += String.fromCharCode(parseInt(digits, 8) & 0xff);
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const max = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      let digits = '';
      while (digits.length < max && /[0-9a-fA-F]/.test(text[i] ?? '')) digits += text[i++];
      if (!digits) value += `\\${e}`;
      else {
        const code = parseInt(digits, 16);
        value += code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
    } else if (e === 'c' && i < text.length) {
      value += String.fromCharCode(text.charCodeAt(i++) & 0x1f);
    } else value += `\\${e}`;
  }
  if (i >= text.length) {
    problems.push({ start: from - 2, end: from, message: "unexpected EOF while looking for matching `''" });
    return { value, end: text.length };
  }
  return { value, end: i + 1 };
}
