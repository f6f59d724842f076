import { expand, lookup, type Env, type Reference, type Stop, type VarValue } from './expand';
import { Lexer, type Part, type Word } from './lexer';
import {
  plainWord,
  statements,
  wordParts,
  type CompoundCommand,
  type SimpleCommand,
  type Statement,
} from './statements';

// A file read the way bash sources it (ftpsync does `. "$config"` inside its read_config function,
// under `set -u`): the assignments in order with the values bash gives them, what bash runs, where it
// stops, and the variables it leaves behind. Pure: the initial variables (ftpsync's own and the
// environment) are handed in.

export type AssignmentHow = 'plain' | 'export' | 'readonly' | 'declare' | 'local' | 'temporary' | 'default';

export interface Assignment {
  name: string;
  /** The whole assignment word (`NAME=value`). */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  valueStart: number;
  /** The value as bash computes it; undefined when it depends on a command or an unknown value. */
  value: string | undefined;
  how: AssignmentHow;
  /** Inside `if`/`&&`/a loop…: it may not happen. */
  conditional: boolean;
  /** After the point where bash stops reading: it never happens. */
  unreached: boolean;
  array?: boolean;
  append?: boolean;
  /** The statement the assignment belongs to. */
  statementStart: number;
  statementEnd: number;
  /** Words after the assignment when it only prefixes a command (`how: 'temporary'`). */
  command?: { start: number; end: number; text: string };
}

export interface Run {
  start: number;
  end: number;
  kind: 'command' | 'substitution' | 'compound' | 'source';
  /** The source text of what runs, for messages. */
  text: string;
  conditional: boolean;
}

export interface ScriptStop {
  start: number;
  end: number;
  kind: 'syntax' | Stop['kind'] | 'exit' | 'readonly';
  message: string;
  name?: string;
}

export interface ShellScript {
  text: string;
  assignments: Assignment[];
  runs: Run[];
  /** Where bash stops reading (first) and any later point it would stop at too. */
  stops: ScriptStop[];
  references: Reference[];
  /** The variables when bash has read the file (read_config's locals dropped). */
  vars: Map<string, VarValue>;
  /** Something (source, eval, a function) may have set any variable. */
  open: boolean;
  comments: { start: number; end: number }[];
  statements: Statement[];
}

const DECLARATIONS = new Set(['export', 'readonly', 'declare', 'typeset', 'local']);

export function readScript(text: string, initial: ReadonlyMap<string, VarValue>): ShellScript {
  const lexed = Lexer.lex(text);
  const parsed = statements(lexed.tokens);
  return new Reader(text, parsed.statements, [...lexed.problems, ...parsed.problems], initial, lexed.comments).read();
}

class Reader {
  private readonly env: Env;
  private readonly assignments: Assignment[] = [];
  private readonly runs: Run[] = [];
  private readonly stops: ScriptStop[] = [];
  private readonly references: Reference[] = [];
  private readonly functions = new Set<string>();
  private readonly locals = new Map<string, VarValue | undefined>();
  private stopAt: number;
  private returned = false;

  constructor(
    private readonly text: string,
    private readonly list: Statement[],
    problems: { start: number; end: number; message: string }[],
    initial: ReadonlyMap<string, VarValue>,
    private readonly comments: { start: number; end: number }[],
  ) {
    this.env = { vars: new Map(initial), open: false, nounset: true };
    for (const p of problems) this.stops.push({ start: p.start, end: p.end, kind: 'syntax', message: p.message });
    this.stopAt = problems.length ? Math.min(...problems.map((p) => p.start)) : Infinity;
  }

  read(): ShellScript {
    for (const st of this.list) {
      const unreached = this.returned || st.end >= this.stopAt || st.start >= this.stopAt;
      if (st.kind === 'compound') this.compound(st, unreached);
      else this.simple(st, unreached);
    }
    for (const [name, before] of this.locals) {
      if (before === undefined) this.env.vars.delete(name);
      else this.env.vars.set(name, before);
    }
    this.stops.sort((a, b) => a.start - b.start);
    return {
      text: this.text,
      assignments: this.assignments,
      runs: this.runs,
      stops: this.stops,
      references: this.references,
      vars: this.env.vars,
      open: this.env.open,
      comments: this.comments,
      statements: this.list,
    };
  }

  /** Expands parts for real (or, when the statement may not run or is never reached, only for its references). */
  private value(parts: readonly Part[], definite: boolean, assignment: boolean): string | undefined {
    // A statement that may not run is expanded dry: read for its references, the environment untouched.
    const result = expand(parts, this.env, { assignment, dry: !definite });
    this.references.push(...result.references);
    for (const c of result.commands) {
      this.runs.push({
        start: c.start,
        end: c.end,
        kind: 'substitution',
        text: this.text.slice(c.start, c.end),
        conditional: !definite,
      });
    }
    // `${X:=…}` in a statement that may not run: X may now be set to something.
    for (const name of result.assigned)
      this.env.vars.set(name, {
        state: 'unknown',
        maybeUnset: !this.env.vars.has(name) || this.env.vars.get(name)?.state === 'unknown',
      });
    if (result.stop && definite) this.stop(result.stop);
    return result.value;
  }

  private stop(s: ScriptStop): void {
    this.stops.push(s);
    if (s.start < this.stopAt) this.stopAt = s.start;
  }

  private assign(
    word: Word,
    st: Statement,
    how: AssignmentHow,
    definite: boolean,
    unreached: boolean,
    attrs: { exported?: boolean; readonly?: boolean; integer?: boolean; lower?: boolean; upper?: boolean } = {},
  ): Assignment {
    const a = word.assign!;
    let value: string | undefined;
    let array = false;
    if (a.array) {
      array = true;
      const values = a.array.map((w) => this.value(w.parts, definite && !unreached, false));
      value = values.length ? values[0] : '';
    } else value = this.value(word.parts, definite && !unreached, true);
    if (value !== undefined && attrs.integer) value = /^\s*-?\d+\s*$/.test(value) ? String(Number(value)) : undefined;
    if (value !== undefined && attrs.lower) value = value.toLowerCase();
    if (value !== undefined && attrs.upper) value = value.toUpperCase();
    const previous = lookup(this.env, a.name);
    // `X+=(…)` appends elements: element 0, which `${X}` reads, stays what it was.
    if (a.append && a.array) value = previous?.state === 'set' ? previous.value : previous ? undefined : value;
    else if (a.append && value !== undefined)
      value = previous?.state === 'set' ? previous.value + value : previous ? undefined : value;
    if (a.subscript !== undefined && !/^0?$/.test(a.subscript)) {
      value = previous?.state === 'set' ? previous.value : previous ? undefined : '';
      array = true;
    }
    const record: Assignment = {
      name: a.name,
      start: word.start,
      end: word.end,
      nameStart: a.nameStart,
      nameEnd: a.nameEnd,
      valueStart: a.valueStart,
      value,
      how,
      conditional: !definite,
      unreached,
      statementStart: st.start,
      statementEnd: st.end,
      ...(array ? { array: true } : {}),
      ...(a.append ? { append: true } : {}),
    };
    this.assignments.push(record);
    if (unreached || how === 'temporary') return record;
    if (previous && previous.readonly) {
      // bash refuses and the statement fails; under ftpsync's `set -e` that ends the run.
      if (definite)
        this.stop({
          start: a.nameStart,
          end: a.nameEnd,
          kind: 'readonly',
          name: a.name,
          message: `${a.name}: readonly variable`,
        });
      return record;
    }
    const keep = {
      ...(attrs.exported || (previous && 'exported' in previous && previous.exported) ? { exported: true } : {}),
      ...(attrs.readonly ? { readonly: true } : {}),
      ...(array ? { array: true } : {}),
    };
    if (how === 'local' && !this.locals.has(a.name)) this.locals.set(a.name, this.env.vars.get(a.name));
    if (!definite)
      this.env.vars.set(a.name, {
        state: 'unknown',
        maybeUnset: !previous || (previous.state === 'unknown' && !!previous.maybeUnset),
        ...keep,
      });
    else
      this.env.vars.set(a.name, value === undefined ? { state: 'unknown', ...keep } : { state: 'set', value, ...keep });
    return record;
  }

  private simple(st: SimpleCommand, unreached: boolean): void {
    const definite = !st.conditional;
    const command = st.words[0];
    const name = command ? plainWord(command) : undefined;
    if (!command) {
      for (const w of st.assignments) this.assign(w, st, 'plain', definite, unreached);
      return;
    }
    const commandSpan = { start: command.start, end: st.end, text: this.text.slice(command.start, st.end) };
    // Assignments before a command only live in that command's environment.
    if (st.assignments.length) {
      const saved = new Map(this.env.vars);
      for (const w of st.assignments) this.assign(w, st, 'temporary', definite, unreached).command = commandSpan;
      this.env.vars = saved;
    }
    if (name !== undefined && DECLARATIONS.has(name) && !st.assignments.length)
      return this.declaration(st, name, definite, unreached);
    if (unreached) return;
    const args = st.words.slice(1);
    const values = st.words.map((w) => this.value(wordParts(w, this.text), definite, false));
    this.runs.push({
      start: st.start,
      end: st.end,
      kind: name === '.' || name === 'source' ? 'source' : 'command',
      text: this.text.slice(st.start, st.end),
      conditional: !definite,
    });
    if (name === undefined) return;
    if (name === '.' || name === 'source' || name === 'eval' || this.functions.has(name)) this.env.open = true;
    else if (name === 'unset' && definite) {
      for (const [k, w] of args.entries()) {
        const arg = values[k + 1];
        if (arg === undefined || arg.startsWith('-')) continue;
        const v = this.env.vars.get(arg);
        if (!v?.readonly) this.env.vars.delete(arg);
        else
          this.stop({
            start: w.start,
            end: w.end,
            kind: 'readonly',
            name: arg,
            message: `unset: ${arg}: cannot unset: readonly variable`,
          });
      }
    } else if (name === 'set') {
      for (const v of values.slice(1)) {
        if (v === '-u' || v === '-o nounset') this.env.nounset = true;
        else if (v === '+u') this.env.nounset = false;
        else if (v && /^-[a-zA-Z]*u/.test(v)) this.env.nounset = true;
        else if (v && /^\+[a-zA-Z]*u/.test(v)) this.env.nounset = false;
      }
    } else if (name === 'read' || name === 'mapfile' || name === 'readarray') {
      for (const v of values.slice(1))
        if (v && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) this.env.vars.set(v, { state: 'unknown', maybeUnset: true });
    } else if (name === 'printf' && values[1] === '-v' && values[2]) {
      this.env.vars.set(values[2], { state: 'unknown' });
    } else if (name === 'return' && definite) {
      this.returned = true;
    } else if (name === 'exit' && definite) {
      this.stop({
        start: st.start,
        end: st.end,
        kind: 'exit',
        message: `\`${this.text.slice(st.start, st.end)}\` ends ftpsync before it syncs`,
      });
    }
  }

  /** export, readonly, declare, typeset, local: their `NAME=value` arguments are assignments. */
  private declaration(st: SimpleCommand, name: string, definite: boolean, unreached: boolean): void {
    const attrs = {
      exported: name === 'export',
      readonly: name === 'readonly',
      integer: false,
      lower: false,
      upper: false,
      global: name === 'export' || name === 'readonly',
    };
    let printOnly = false;
    for (const w of st.words.slice(1)) {
      if (w.assign) {
        // declare and typeset inside a function (ftpsync reads the file inside read_config) make a local.
        const local = name === 'local' || ((name === 'declare' || name === 'typeset') && !attrs.global);
        this.assign(
          w,
          st,
          local ? 'local' : name === 'export' || name === 'readonly' ? name : 'declare',
          definite,
          unreached,
          attrs,
        );
        continue;
      }
      if (unreached) continue;
      const arg = this.value(w.parts, definite, false);
      if (arg === undefined) {
        this.env.open = true;
        continue;
      }
      if (/^[-+][a-zA-Z]+$/.test(arg)) {
        const on = arg[0] === '-';
        for (const flag of arg.slice(1)) {
          if (flag === 'x') attrs.exported = on;
          else if (flag === 'r') attrs.readonly = on;
          else if (flag === 'i') attrs.integer = on;
          else if (flag === 'l') attrs.lower = on;
          else if (flag === 'u') attrs.upper = on;
          else if (flag === 'g') attrs.global = on;
          else if ('pfF'.includes(flag)) printOnly = true;
        }
        continue;
      }
      if (printOnly || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(arg) || !definite) continue;
      // `export NAME` / `declare NAME`: an attribute only; the value stays (a local when declared in a function).
      const v = this.env.vars.get(arg);
      if (
        (name === 'local' || ((name === 'declare' || name === 'typeset') && !attrs.global)) &&
        !this.locals.has(arg)
      ) {
        this.locals.set(arg, v);
      }
      if (v && attrs.exported) this.env.vars.set(arg, { ...v, exported: true });
    }
  }

  private compound(st: CompoundCommand, unreached: boolean): void {
    if (st.defines) {
      this.functions.add(st.defines);
      return;
    }
    if (!unreached)
      this.runs.push({
        start: st.start,
        end: st.end,
        kind: 'compound',
        text: this.text.slice(st.start, st.end),
        conditional: false,
      });
    for (const w of st.words) {
      if (w.assign && st.commandWords.includes(w)) {
        this.assign(w, st, 'plain', false, unreached);
        continue;
      }
      this.value(wordParts(w, this.text), false, false);
      const name = st.commandWords.includes(w) ? plainWord(w) : undefined;
      if (name === '.' || name === 'source' || name === 'eval' || (name && this.functions.has(name)))
        this.env.open = true;
      if (name === 'unset' || name === 'read' || name === 'export' || name === 'declare' || name === 'local')
        this.env.open = true;
    }
  }
}
