import type { Operator, Part, Token, Word } from './lexer';

// Tokens grouped into the commands bash runs one after another when it sources the file: simple
// commands (assignments, declarations, other commands) and compound commands (if, for, while, case,
// { }, ( ), functions), whose insides only maybe run. Keywords count only where bash reads them:
// at the start of a command.

export interface SimpleCommand {
  kind: 'simple';
  start: number;
  end: number;
  /** Leading `NAME=value` words. */
  assignments: Word[];
  /** The command and its arguments, redirections left out. */
  words: Word[];
  /** Part of an `&&`/`||`/`|` list or run in the background: it may not run, or runs in a subshell. */
  conditional: boolean;
}

export interface CompoundCommand {
  kind: 'compound';
  start: number;
  end: number;
  /** `if`, `for`, `while`, `until`, `case`, `select`, `{`, `(`, `((`, `[[`, `function`. */
  keyword: string;
  /** Every word inside, for the names it may assign and the variables it reads. */
  words: Word[];
  /** Words in command position inside it (so `NAME=value` there is an assignment). */
  commandWords: Word[];
  /** Function name when this defines one. */
  defines?: string;
}

export type Statement = SimpleCommand | CompoundCommand;

const OPENERS = new Set(['if', 'for', 'while', 'until', 'case', 'select', '{', 'function']);
const CLOSERS = new Set(['fi', 'done', 'esac', '}']);
/** After these words the next word is again at a command's start. */
const KEEP_START = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '{', '!', 'time']);
const SEPARATORS = new Set(['\n', ';', '&', ';;', ';&', ';;&']);
const LIST_OPS = new Set(['&&', '||', '|', '|&']);
const REDIRECTIONS = new Set(['<', '>', '>>', '<<', '<<-', '<<<', '<&', '>&', '<>', '>|', '&>', '&>>']);

/** The literal text of a word when it has no quotes or expansions (a keyword candidate). */
export function plainWord(word: Word): string | undefined {
  if (word.assign) return undefined;
  let out = '';
  for (const p of word.parts) {
    if (p.type !== 'text' || p.quoted) return undefined;
    out += p.value;
  }
  return out;
}

/** The parts of a word read as an ordinary word (an assignment-shaped argument keeps its `NAME=`). */
export function wordParts(word: Word, text: string): Part[] {
  if (!word.assign) return word.parts;
  const prefix: Part = {
    type: 'text',
    value: text.slice(word.start, word.assign.valueStart),
    start: word.start,
    end: word.assign.valueStart,
    quoted: false,
  };
  if (word.assign.array)
    return [
      prefix,
      {
        type: 'text',
        value: text.slice(word.assign.valueStart, word.end),
        start: word.assign.valueStart,
        end: word.end,
        quoted: false,
      },
    ];
  return [prefix, ...word.parts];
}

export interface SyntaxProblem {
  start: number;
  end: number;
  message: string;
}

const STRAY = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);

/** The statements, and the syntax errors bash reports while it reads them (it stops there). */
export function statements(tokens: readonly Token[]): { statements: Statement[]; problems: SyntaxProblem[] } {
  const problems: SyntaxProblem[] = [];
  const out: Statement[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.kind === 'op' && SEPARATORS.has(t.op)) {
      i++;
      continue;
    }
    // One complete command: pipelines joined by && and ||, up to a separator.
    const first = out.length;
    const begin = i;
    let listed = false;
    for (;;) {
      const at = tokens[i];
      if (!at) break;
      const keyword = at.kind === 'word' ? plainWord(at) : at.op === '(' ? '(' : undefined;
      const isFunction =
        at.kind === 'word' &&
        tokens[i + 1]?.kind === 'op' &&
        (tokens[i + 1] as Operator).op === '(' &&
        tokens[i + 2]?.kind === 'op' &&
        (tokens[i + 2] as Operator).op === ')';
      if ((keyword !== undefined && (OPENERS.has(keyword) || keyword === '(' || keyword === '[[')) || isFunction) {
        const c = compound(tokens, i, isFunction ? 'function' : keyword!);
        out.push(c.command);
        i = c.next;
      } else {
        const stray =
          keyword !== undefined && STRAY.has(keyword)
            ? keyword
            : at.kind === 'op' && !SEPARATORS.has(at.op) && !REDIRECTIONS.has(at.op)
              ? at.op
              : undefined;
        if (stray !== undefined) {
          problems.push({ start: at.start, end: at.end, message: `syntax error near unexpected token \`${stray}'` });
          i++;
          break;
        }
        const s = simple(tokens, i);
        out.push(s.command);
        i = s.next;
        const after = tokens[i];
        if (after?.kind === 'op' && (after.op === '(' || after.op === ')')) {
          problems.push({
            start: after.start,
            end: after.end,
            message: `syntax error near unexpected token \`${after.op}'`,
          });
          i++;
        }
      }
      const op = tokens[i];
      if (op?.kind === 'op' && LIST_OPS.has(op.op)) {
        listed = true;
        i++;
        continue;
      }
      if (op?.kind === 'op' && op.op === '&') listed = true;
      break;
    }
    if (listed)
      for (let k = first; k < out.length; k++)
        if (out[k].kind === 'simple') (out[k] as SimpleCommand).conditional = true;
    if (i === begin) i++;
  }
  return { statements: out, problems };
}

function simple(tokens: readonly Token[], from: number): { command: SimpleCommand; next: number } {
  const assignments: Word[] = [];
  const words: Word[] = [];
  let i = from;
  let end = tokens[from]?.end ?? 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.kind === 'op') {
      if (REDIRECTIONS.has(t.op)) {
        end = t.end;
        i++;
        if (tokens[i]?.kind === 'word') end = tokens[i++].end;
        continue;
      }
      // A stray `(`/`)` here is a syntax error to bash; it ends the command for us.
      break;
    }
    if (!words.length && t.assign) assignments.push(t);
    else words.push(t);
    end = t.end;
    i++;
  }
  return {
    command: { kind: 'simple', start: tokens[from].start, end, assignments, words, conditional: false },
    next: i,
  };
}

const isOp = (t: Token | undefined, op: string): boolean => t?.kind === 'op' && t.op === op;

/** A compound command from its opening keyword to the matching close (or the end of the text). */
function compound(tokens: readonly Token[], from: number, keyword: string): { command: CompoundCommand; next: number } {
  const words: Word[] = [];
  const commandWords: Word[] = [];
  const stack: string[] = [];
  let i = from;
  let defines: string | undefined;
  // `name() body`, `function name body`, `function name() body`: skip to the body.
  if (keyword === 'function') {
    const first = tokens[i] as Word;
    if (plainWord(first) === 'function') {
      i++;
      if (tokens[i]?.kind === 'word') defines = plainWord(tokens[i++] as Word);
    } else {
      defines = plainWord(first);
      i++;
    }
    if (isOp(tokens[i], '(') && isOp(tokens[i + 1], ')')) i += 2;
    while (isOp(tokens[i], '\n')) i++;
  }
  let atStart = true;
  let end = tokens[from].end;
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    end = t.end;
    const top = stack[stack.length - 1];
    if (top === '[[') {
      if (t.kind === 'word' && plainWord(t) === ']]') stack.pop();
    } else if (t.kind === 'op') {
      if (top === 'case') atStart = t.op === ')' || SEPARATORS.has(t.op);
      else if (t.op === '(' && atStart) stack.push('(');
      else if (t.op === ')' && top === '(') stack.pop();
      else atStart = SEPARATORS.has(t.op) || LIST_OPS.has(t.op) || t.op === '(';
    } else {
      words.push(t);
      const w: string | undefined = atStart ? plainWord(t) : undefined;
      if (w !== undefined && OPENERS.has(w) && w !== 'function') stack.push(w);
      else if (w === '[[') stack.push('[[');
      else if (w !== undefined && CLOSERS.has(w)) stack.pop();
      else if (atStart && !(w !== undefined && KEEP_START.has(w))) commandWords.push(t);
      atStart = w !== undefined && (KEEP_START.has(w) || OPENERS.has(w) || CLOSERS.has(w));
    }
    if (stack.length === 0) {
      i++;
      break;
    }
  }
  return {
    command: {
      kind: 'compound',
      start: tokens[from].start,
      end,
      keyword,
      words,
      commandWords,
      ...(defines ? { defines } : {}),
    },
    next: i,
  };
}
