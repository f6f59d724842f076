import type { ParamPart, Part } from './lexer';

// The value bash gives a word: tilde, parameter, command and arithmetic expansion and quote removal,
// as in an assignment (no word splitting or globbing there). A value that depends on something bash
// runs, or on a variable whose value we do not know, is `undefined`: never guessed. Under `set -u`
// a reference to an unset variable stops bash, and so does a bad substitution or `${X:?}`.

/** What a variable holds while the file is read. */
export type VarValue =
  | { state: 'set'; value: string; exported?: boolean; array?: boolean; readonly?: boolean }
  /** Set, or maybe set (`maybeUnset`), to a value we cannot know. */
  | { state: 'unknown'; maybeUnset?: boolean; exported?: boolean; array?: boolean; readonly?: boolean };

export interface Env {
  vars: Map<string, VarValue>;
  /** After `source`, `eval` or a function call anything may be set: unset names are unknown, not unset. */
  open: boolean;
  /** `set -u` (ftpsync's default). */
  nounset: boolean;
}

export interface Stop {
  start: number;
  end: number;
  kind: 'unbound' | 'bad-substitution' | 'unset-required';
  name?: string;
  message: string;
}

export interface Reference {
  name: string;
  start: number;
  end: number;
}

export interface Expansion {
  /** undefined: depends on a command or an unknown value. */
  value: string | undefined;
  references: Reference[];
  /** Command substitutions bash runs to compute it. */
  commands: Part[];
  /** Names a `${X=…}`/`${X:=…}` would assign; in a dry expansion they are only recorded. */
  assigned: string[];
  stop?: Stop;
}

const MAX_PATTERN_VALUE = 2000;

interface Ctx {
  env: Env;
  refs: Reference[];
  commands: Part[];
  stop?: Stop;
  /** Inside an argument bash may not evaluate: stops and assignments are only possible. */
  speculative: boolean;
  /** The statement may not run at all: the environment is read, never written. */
  dry: boolean;
  assigned: string[];
}

/** Looks a name up as bash would in ftpsync's read_config (positional $1 is the config name). */
export function lookup(env: Env, name: string): VarValue | undefined {
  if (/^[@*#?$!\-0]$/.test(name) || name === '1') return { state: 'unknown' };
  if (/^[0-9]+$/.test(name)) return undefined;
  const base = name.includes('[') ? name.slice(0, name.indexOf('[')) : name;
  const v = env.vars.get(base);
  if (v && base !== name)
    return v.state === 'set' && !v.array
      ? /\[(0|@|\*)\]$/.test(name)
        ? v
        : undefined
      : { state: 'unknown', maybeUnset: true };
  if (v) return v;
  return env.open ? { state: 'unknown', maybeUnset: true } : undefined;
}

/**
 * Expands a word's parts. `assignment`: tilde expansion also after `:` (bash's rule for assignment
 * values). `home`: the value of `~`.
 */
export function expand(
  parts: readonly Part[],
  env: Env,
  options: { assignment?: boolean; dry?: boolean } = {},
): Expansion {
  const ctx: Ctx = { env, refs: [], commands: [], speculative: false, dry: options.dry ?? false, assigned: [] };
  const value = join(parts, ctx, options.assignment ?? false);
  return {
    value,
    references: ctx.refs,
    commands: ctx.commands,
    assigned: ctx.assigned,
    ...(ctx.stop ? { stop: ctx.stop } : {}),
  };
}

function join(parts: readonly Part[], ctx: Ctx, assignment: boolean): string | undefined {
  let out: string | undefined = '';
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    let piece: string | undefined;
    if (p.type === 'text') {
      piece = p.quoted ? p.value : tilde(p.value, k === 0, k === parts.length - 1, assignment, ctx);
    } else if (p.type === 'param') {
      piece = param(p, ctx);
    } else if (p.type === 'command') {
      ctx.commands.push(p);
      piece = undefined;
    } else {
      piece = arith(p.expr, ctx);
    }
    if (ctx.stop && !ctx.speculative) return undefined;
    out = out === undefined || piece === undefined ? undefined : out + piece;
  }
  return out;
}

/** Tilde expansion of an unquoted piece: at the word's start, and after each `:` in an assignment. */
function tilde(value: string, first: boolean, last: boolean, assignment: boolean, ctx: Ctx): string | undefined {
  if (!value.includes('~')) return value;
  let out = '';
  let i = 0;
  let atStart = first;
  while (i < value.length) {
    if (atStart && value[i] === '~') {
      let j = i + 1;
      while (j < value.length && value[j] !== '/' && !(assignment && value[j] === ':')) j++;
      // The prefix must end inside this unquoted piece (at `/`, `:` or the end of the word).
      if (j < value.length || last) {
        const user = value.slice(i + 1, j);
        const home = user === '' ? lookup(ctx.env, 'HOME') : undefined;
        if (user === '' && home?.state === 'set') out += home.value;
        else if (user === '' || user === '+' || user === '-' || /^[A-Za-z0-9._-]+$/.test(user)) return undefined;
        else out += value.slice(i, j);
        i = j;
        atStart = false;
        continue;
      }
    }
    const c = value[i++];
    out += c;
    atStart = assignment && c === ':';
  }
  return out;
}

function param(p: ParamPart, ctx: Ctx): string | undefined {
  if (p.bad) return stop(ctx, p, 'bad-substitution', `${sourceOf(p)}: bad substitution`);
  if (p.name && !/^[@*#?$!\-0-9]/.test(p.name))
    ctx.refs.push({ name: p.name.replace(/\[.*$/, ''), start: p.nameStart, end: p.nameStart + p.name.length });
  let v = lookup(ctx.env, p.name);
  if (p.indirect) {
    if (v?.state !== 'set') return undefined;
    v = lookup(ctx.env, v.value);
  }
  const set = v !== undefined;
  const known = v?.state === 'set' ? v.value : undefined;
  const maybeUnset = v?.state === 'unknown' && !!v.maybeUnset;
  const op = p.op;
  const colon = op.startsWith(':') && op.length === 2;
  const base = colon ? op[1] : op;
  if (p.length) {
    if (!set) return unbound(p, ctx);
    return known === undefined || /[^\x00-\x7f]/.test(known) ? undefined : String(known.length);
  }
  if (base === '-' || base === '=' || base === '?' || base === '+') {
    // Whether the word applies: unset (or, with `:`, empty); unknown when we cannot tell.
    const applies: boolean | undefined = !set
      ? true
      : known === undefined
        ? maybeUnset || colon
          ? undefined
          : false
        : colon && known === '';
    if (base === '+') {
      if (applies === true) return '';
      const word = argument(p, ctx, applies === undefined);
      return applies === false ? word : undefined;
    }
    if (applies === false) return known;
    const word = argument(p, ctx, applies === undefined);
    if (base === '?') {
      if (applies === undefined) return undefined;
      const why = word === undefined || word === '' ? 'parameter null or not set' : word;
      return stop(ctx, p, 'unset-required', `${p.name}: ${why}`);
    }
    if (base === '=') {
      if (ctx.dry) ctx.assigned.push(p.name);
      else if (applies === true && !ctx.speculative)
        ctx.env.vars.set(p.name, word === undefined ? { state: 'unknown' } : { state: 'set', value: word });
      else ctx.env.vars.set(p.name, { state: 'unknown', maybeUnset });
    }
    return applies === true ? word : undefined;
  }
  if (!set) return unbound(p, ctx);
  if (op === '') return known;
  if (op === ':') return substring(known, p, ctx);
  if (op === '#' || op === '##' || op === '%' || op === '%%') {
    const pattern = patternOf(p.arg ?? [], ctx);
    // Bounded work: long values or many stars are left unknown rather than risk a slow match.
    if (known === undefined || pattern === undefined || known.length > MAX_PATTERN_VALUE) return undefined;
    if ((pattern.match(/\[\\s\\S\]\*/g) ?? []).length > 4) return undefined;
    return removeMatch(known, pattern, op);
  }
  if (op === '^^' || op === ',,' || op === '^' || op === ',') {
    if (known === undefined || (p.arg && p.arg.length)) return undefined;
    if (op === '^^') return known.toUpperCase();
    if (op === ',,') return known.toLowerCase();
    return op === '^' ? known.charAt(0).toUpperCase() + known.slice(1) : known.charAt(0).toLowerCase() + known.slice(1);
  }
  // Replacements and transformations (`/`, `@Q`, …): the references inside still count.
  argument(p, ctx, true);
  return undefined;
}

function unbound(p: ParamPart, ctx: Ctx): string | undefined {
  if (!ctx.env.nounset) return '';
  return stop(ctx, p, 'unbound', `${p.name}: unbound variable`);
}

function stop(ctx: Ctx, p: ParamPart, kind: Stop['kind'], message: string): undefined {
  if (!ctx.speculative && !ctx.stop)
    ctx.stop = { start: p.start, end: p.end, kind, message, ...(p.name ? { name: p.name } : {}) };
  return undefined;
}

/** The argument word of `${name<op>word}`; `speculative` when bash may not evaluate it. */
function argument(p: ParamPart, ctx: Ctx, speculative: boolean): string | undefined {
  const before = ctx.speculative;
  ctx.speculative = before || speculative;
  try {
    return join(p.arg ?? [], ctx, false);
  } finally {
    ctx.speculative = before;
  }
}

function sourceOf(p: ParamPart): string {
  return `\${${p.length ? '#' : ''}${p.indirect ? '!' : ''}${p.name}${p.op}…}`;
}

function substring(value: string | undefined, p: ParamPart, ctx: Ctx): string | undefined {
  const spec = join(p.arg ?? [], ctx, false);
  if (value === undefined || spec === undefined) return undefined;
  const m = /^\s*(-?\d+)\s*(?::\s*(-?\d+)\s*)?$/.exec(spec);
  if (!m) return undefined;
  let offset = Number(m[1]);
  if (offset < 0) offset = Math.max(0, value.length + offset);
  if (m[2] === undefined) return value.slice(offset);
  const length = Number(m[2]);
  return length < 0
    ? value.slice(offset, Math.max(offset, value.length + length))
    : value.slice(offset, offset + length);
}

/** A glob pattern as a regular expression source: quoted parts literal, unquoted `* ? [..]` special. */
function patternOf(parts: readonly Part[], ctx: Ctx): string | undefined {
  let out = '';
  for (const part of parts) {
    if (part.type === 'text') out += part.quoted ? escapeRegex(part.value) : globToRegex(part.value);
    else {
      const value = join([part], ctx, false);
      if (value === undefined) return undefined;
      out += part.quoted ? escapeRegex(value) : globToRegex(value);
    }
  }
  return out;
}

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '\\' && i + 1 < glob.length) out += escapeRegex(glob[++i]);
    else out += escapeRegex(c);
  }
  return out;
}

function removeMatch(value: string, pattern: string, op: string): string | undefined {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
  const n = value.length;
  if (op === '#' || op === '##') {
    const lengths = op === '#' ? range(0, n) : range(n, 0);
    for (const k of lengths) if (re.test(value.slice(0, k))) return value.slice(k);
  } else {
    const starts = op === '%' ? range(n, 0) : range(0, n);
    for (const k of starts) if (re.test(value.slice(k))) return value.slice(0, k);
  }
  return value;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  if (from <= to) for (let k = from; k <= to; k++) out.push(k);
  else for (let k = from; k >= to; k--) out.push(k);
  return out;
}

/** `$(( … ))`: integer literals and known variables with + - * / %; anything else is unknown. */
function arith(expr: string, ctx: Ctx): string | undefined {
  const names = expr.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  let source = expr;
  for (const name of names) {
    const v = lookup(ctx.env, name);
    if (v?.state !== 'set' || !/^-?\d+$/.test(v.value.trim())) return undefined;
    source = source.replace(new RegExp(`\\$?\\b${name}\\b`), `(${v.value.trim()})`);
  }
  if (!/^[\d\s+\-*/%()]*$/.test(source) || source.trim() === '') return undefined;
  const tokens = source.match(/\d+|[-+*/%()]/g) ?? [];
  let i = 0;
  const primary = (): number | undefined => {
    const t = tokens[i++];
    if (t === '(') {
      const v = sum();
      return tokens[i++] === ')' ? v : undefined;
    }
    if (t === '-') {
      const v = primary();
      return v === undefined ? undefined : -v;
    }
    if (t === '+') return primary();
    return t !== undefined && /^\d+$/.test(t) ? Number(t) : undefined;
  };
  const product = (): number | undefined => {
    let v = primary();
    while (v !== undefined && (tokens[i] === '*' || tokens[i] === '/' || tokens[i] === '%')) {
      const op = tokens[i++];
      const r = primary();
      if (r === undefined || (op !== '*' && r === 0)) return undefined;
      v = op === '*' ? v * r : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number | undefined => {
    let v = product();
    while (v !== undefined && (tokens[i] === '+' || tokens[i] === '-')) {
      const op = tokens[i++];
      const r = product();
      if (r === undefined) return undefined;
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  const v = sum();
  return v === undefined || i !== tokens.length || !Number.isSafeInteger(v) ? undefined : String(v);
}
