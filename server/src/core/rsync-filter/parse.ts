// rsync's filter rules, read the way rsync 3.5.0's exclude.c reads them (`parse_rule_tok`,
// `parse_filter_str`, `parse_filter_file`). One reader for every place a rule is written: the client
// options `--filter`, `--exclude`, `--include` (ftpsync's EXCLUDE, RSYNC_OPTIONS…), the `-from` files,
// and rsyncd.conf's `filter`, `include`, `exclude`, `include from`, `exclude from`. rsync stops at the
// first rule it rejects (`exit_cleanup(RERR_SYNTAX)`), so a parse ends at the first error too.

/** What the rule does once parsed (its prefix, in long or short form). */
export type FilterAction =
  'include' | 'exclude' | 'hide' | 'show' | 'protect' | 'risk' | 'merge' | 'dir-merge' | 'clear';

/** How the caller hands text to rsync: the rule template and parse flags of exclude.c. */
export interface FilterContext {
  /** FILTRULE_INCLUDE in the template: `--include`, `include`, `include from`. */
  include?: boolean;
  /** FILTRULE_WORD_SPLIT: rules are whitespace-separated words (rsyncd.conf's `filter`, `include`, `exclude`). */
  wordSplit?: boolean;
  /** XFLG_OLD_PREFIXES: only `+ ` and `- ` are prefixes (`--include`, `--exclude`, the `-from` files). */
  oldPrefixes?: boolean;
}

export interface FilterRule {
  /** The whole rule in the parsed text, prefix included. */
  start: number;
  end: number;
  action: FilterAction;
  /** Modifier letters as written after the prefix (`/`, `!`, `p`, `s`, `r`, `x`, `C`, `e`, `n`, `w`, `+`, `-`). */
  modifiers: string;
  pattern: string;
  patternStart: number;
  /** rsync drops patterns of 4096 bytes or more with "discarding over-long filter" (not fatal). */
  discarded?: boolean;
}

export interface FilterError {
  start: number;
  end: number;
  /** rsync's own message, with the rule text as rsync prints it. */
  message: string;
}

export interface FilterParse {
  rules: FilterRule[];
  /** The rule rsync rejects; every later rule is never read. */
  error?: FilterError;
}

const MAXPATHLEN = 4096;

/** C's isspace. */
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
}

const WORDS: Record<string, [word: string, ch: string]> = {
  c: ['clear', '!'],
  d: ['dir-merge', ':'],
  e: ['exclude', '-'],
  h: ['hide', 'H'],
  i: ['include', '+'],
  m: ['merge', '.'],
  p: ['protect', 'P'],
  r: ['risk', 'R'],
  s: ['show', 'S'],
};

const ACTION_OF: Record<string, FilterAction> = {
  ':': 'dir-merge',
  '.': 'merge',
  '+': 'include',
  '-': 'exclude',
  S: 'show',
  H: 'hide',
  R: 'risk',
  P: 'protect',
  '!': 'clear',
};

/** rule_strcmp: the word must end at a blank, `_`, `,` or the end; returns the index rsync's `s` points at. */
function ruleWord(text: string, s: number, end: number, word: string): number | undefined {
  if (!text.startsWith(word, s) || s + word.length > end) return undefined;
  const after = s + word.length;
  const next = after < end ? text[after] : undefined;
  if (next === undefined || isSpace(next) || next === '_') return after - 1;
  if (next === ',') return after;
  return undefined;
}

interface Token {
  rule?: FilterRule;
  error?: FilterError;
  next: number;
}

/** rsync's error for the rule starting at `start`; it prints the rest of the string from there. */
function fail(text: string, start: number, end: number, message: string, from: number, to: number): Token {
  return {
    error: { start: from, end: Math.max(to, from), message: `${message}: ${text.slice(start, end)}` },
    next: end,
  };
}

/** parse_rule_tok: one rule from `text[pos..end)`, or undefined at the end of the input. */
function ruleToken(text: string, pos: number, end: number, ctx: FilterContext): Token | undefined {
  let s = pos;
  if (ctx.wordSplit) {
    while (s < end && isSpace(text[s])) s++;
    pos = s;
  }
  if (s >= end) return undefined;
  const at = (i: number) => (i < end ? text[i] : undefined);
  let include = !!ctx.include;
  let action: FilterAction = include ? 'include' : 'exclude';
  let clear = false;
  let modifiers = '';
  let mergeFile = false;
  let cvs = false;
  let noPrefixes = false;

  if (ctx.oldPrefixes) {
    if (at(s) === '-' && at(s + 1) === ' ') {
      include = false;
      s += 2;
    } else if (at(s) === '+' && at(s + 1) === ' ') {
      include = true;
      s += 2;
    } else if (at(s) === '!') clear = true;
    action = include ? 'include' : 'exclude';
  } else {
    let ch: string | undefined;
    const word = WORDS[text[s]];
    if (word) {
      const found = ruleWord(text, s, end, word[0]);
      if (found !== undefined) {
        s = found;
        ch = word[1];
      }
    } else {
      ch = text[s];
      if (at(s + 1) === ',') s++;
    }
    const kind = ch === undefined ? undefined : ACTION_OF[ch];
    if (!kind) return fail(text, pos, end, 'Unknown filter rule', pos, wordEnd(text, pos, end));
    action = kind;
    clear = kind === 'clear';
    mergeFile = kind === 'merge' || kind === 'dir-merge';
    const sideSet = kind === 'show' || kind === 'hide' || kind === 'risk' || kind === 'protect';
    while (ch !== '!') {
      s++;
      const c = at(s);
      if (c === undefined || c === ' ' || c === '_') break;
      if (ctx.wordSplit && isSpace(c)) {
        s--;
        break;
      }
      let valid = true;
      switch (c) {
        case '-':
        case '+':
          valid = mergeFile && !noPrefixes;
          noPrefixes = true;
          break;
        case '/':
        case 'p':
        case 'x':
          break;
        case '!':
          valid = !mergeFile;
          break;
        case 'C':
          valid = !noPrefixes && !sideSet;
          noPrefixes = true;
          cvs = true;
          break;
        case 'e':
        case 'n':
        case 'w':
          valid = mergeFile;
          break;
        case 'r':
        case 's':
          valid = !sideSet;
          break;
        default:
          valid = false;
      }
      if (!valid)
        return fail(text, pos, end, `invalid modifier '${c}' at position ${s - pos} in filter rule`, s, s + 1);
      modifiers += c;
    }
    if (s < end) s++;
  }

  let len: number;
  if (ctx.wordSplit) {
    let cp = s;
    while (cp < end && !isSpace(text[cp])) cp++;
    len = cp - s;
  } else len = end - s;

  if (clear) {
    if (!ctx.oldPrefixes && len) return fail(text, pos, end, "'!' rule has trailing characters", pos, s + len);
    if (len > 1) {
      clear = false;
      action = include ? 'include' : 'exclude';
    }
  } else if (!len && !cvs) {
    return fail(text, pos, end, 'unexpected end of filter rule', pos, Math.max(s, pos + 1));
  }
  const rule: FilterRule = {
    start: pos,
    end: s + len,
    action,
    modifiers,
    pattern: text.slice(s, s + len),
    patternStart: s,
  };
  if (len >= MAXPATHLEN) rule.discarded = true;
  return { rule, next: s + len };
}

function wordEnd(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && !isSpace(text[i])) i++;
  return Math.max(i, Math.min(from + 1, end));
}

/** parse_filter_str: the rules of one string (a whole value unless the context splits words). */
export function parseFilterString(text: string, ctx: FilterContext, start = 0, end = text.length): FilterParse {
  const rules: FilterRule[] = [];
  let pos = start;
  for (;;) {
    const token = ruleToken(text, pos, end, ctx);
    if (!token) break;
    if (token.error) return { rules, error: token.error };
    if (token.rule) rules.push(token.rule);
    // A rule always consumes at least its prefix; guard against a stuck position anyway.
    pos = Math.max(token.next, pos + 1);
  }
  return { rules };
}

/** parse_filter_file: one rule per line (CR, LF or CRLF); empty lines and `;`/`#` comment lines are skipped. */
export function parseFilterFile(text: string, ctx: FilterContext): FilterParse {
  const rules: FilterRule[] = [];
  let i = 0;
  while (i <= text.length) {
    let j = i;
    while (j < text.length && text[j] !== '\n' && text[j] !== '\r' && !(ctx.wordSplit && isSpace(text[j]))) j++;
    const first = text[i];
    if (j > i && (ctx.wordSplit || (first !== ';' && first !== '#'))) {
      // rsync's line buffer holds BIGPATHBUFLEN bytes; a longer line is discarded, not parsed.
      if (j - i < MAXPATHLEN + 1024) {
        const parsed = parseFilterString(text, ctx, i, j);
        rules.push(...parsed.rules);
        if (parsed.error) return { rules, error: parsed.error };
      }
    }
    if (j >= text.length) break;
    i = text[j] === '\r' && text[j + 1] === '\n' ? j + 2 : j + 1;
  }
  return { rules };
}

/** The contexts rsync 3.5.0 reads each rsyncd.conf filter parameter in (clientserver.c, rsync_module). */
export const DAEMON_FILTER_CONTEXT = {
  filter: { wordSplit: true },
  include: { include: true, wordSplit: true, oldPrefixes: true },
  exclude: { wordSplit: true, oldPrefixes: true },
  includefrom: { include: true, oldPrefixes: true },
  excludefrom: { oldPrefixes: true },
} as const satisfies Record<string, FilterContext>;

/** The contexts of the client's options (options.c). */
export const OPTION_FILTER_CONTEXT = {
  filter: {},
  exclude: { oldPrefixes: true },
  include: { include: true, oldPrefixes: true },
  'exclude-from': { oldPrefixes: true },
  'include-from': { include: true, oldPrefixes: true },
} as const satisfies Record<string, FilterContext>;
