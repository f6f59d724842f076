import { ansiC } from './ansi-c';
import type { CommandPart, LexProblem, ParamPart, Part, Token } from './tokens';

// The `$…` and backtick expansions of the bash reader: parameters (`$X`, `${X<op>word}`), command
// substitution (`$(…)` read as a nested script, backticks), arithmetic and `$'…'`/`$"…"` quoting.

/** Where a word's parts end: an unquoted metacharacter, the closing `"`, or the `}` of `${…}`. */
export type Stop = 'word' | 'dquote' | 'brace' | 'brace-dquote' | 'array';

/** What the expansions need of the lexer. */
export interface Scanner {
  readonly text: string;
  pos: number;
  readonly problems: LexProblem[];
  /** Runs `body` one nesting level deeper, or reports the limit. */
  nested(body: () => void): void;
  /** Reads the parts of a word up to its stop. */
  parts(stop: Stop, out: Part[], quoted: boolean): void;
  /** Reads a script up to an unmatched `)` (inside `$(`). */
  tokens(inParens: boolean): Token[];
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** `$…` or a backtick command substitution, at `lx.pos`. */
export function dollar(lx: Scanner, quoted: boolean): Part {
  const text = lx.text;
  const start = lx.pos;
  if (text[start] === '`') return backtick(lx, quoted);
  const next = text[start + 1];
  if (next === '(' && text[start + 2] === '(') {
    const close = findArithEnd(text, start + 3);
    lx.pos = close < 0 ? text.length : close + 2;
    if (close < 0)
      lx.problems.push({ start, end: start + 3, message: "unexpected EOF while looking for matching `))'" });
    return {
      type: 'arith',
      expr: text.slice(start + 3, close < 0 ? text.length : close),
      quoted,
      start,
      end: lx.pos,
    };
  }
  if (next === '(') {
    lx.pos = start + 2;
    lx.nested(() => lx.tokens(true));
    return {
      type: 'command',
      body: text.slice(start + 2, Math.max(start + 2, lx.pos - 1)),
      bodyStart: start + 2,
      quoted,
      start,
      end: lx.pos,
    };
  }
  if (next === '{') return braced(lx, quoted);
  if (next === "'" && !quoted) {
    lx.pos = start + 1;
    const { value, end } = ansiC(text, start + 2, lx.problems);
    lx.pos = end;
    return { type: 'text', value, start, end, quoted: true };
  }
  if (next === '"' && !quoted) {
    // $"…" is a translated string; without a message catalog it is "…".
    lx.pos = start + 1;
    return { type: 'text', value: '', start, end: start + 1, quoted: false };
  }
  NAME.lastIndex = start + 1;
  const name = NAME.exec(text);
  if (name) {
    lx.pos = start + 1 + name[0].length;
    return {
      type: 'param',
      name: name[0],
      op: '',
      braced: false,
      quoted,
      start,
      end: lx.pos,
      nameStart: start + 1,
    };
  }
  if (next !== undefined && /[0-9@*#?\-$!]/.test(next)) {
    lx.pos = start + 2;
    return { type: 'param', name: next, op: '', braced: false, quoted, start, end: lx.pos, nameStart: start + 1 };
  }
  lx.pos = start + 1;
  return { type: 'text', value: '$', start, end: lx.pos, quoted };
}

function backtick(lx: Scanner, quoted: boolean): CommandPart {
  const text = lx.text;
  const start = lx.pos;
  let i = start + 1;
  while (i < text.length && text[i] !== '`') i += text[i] === '\\' ? 2 : 1;
  if (i >= text.length) {
    lx.problems.push({ start, end: start + 1, message: "unexpected EOF while looking for matching ``'" });
    lx.pos = text.length;
  } else lx.pos = i + 1;
  return {
    type: 'command',
    body: text.slice(start + 1, Math.min(i, text.length)),
    bodyStart: start + 1,
    quoted,
    start,
    end: lx.pos,
  };
}

/** `${…}`: `#`/`!` prefix, a name, an operator and its argument word. */
function braced(lx: Scanner, quoted: boolean): ParamPart {
  const text = lx.text;
  const start = lx.pos;
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
  lx.pos = i;
  if (!part.name) part.bad = true;
  if (text[i] !== '}') {
    if (!op) part.bad = true;
    const arg: Part[] = [];
    lx.nested(() => lx.parts(quoted ? 'brace-dquote' : 'brace', arg, quoted));
    part.arg = arg;
  } else if (op) part.arg = [];
  if (text[lx.pos] === '}') lx.pos++;
  else lx.problems.push({ start, end: start + 2, message: "unexpected EOF while looking for matching `}'" });
  part.end = lx.pos;
  return part;
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
