import { parameterKey, type HeaderEntry, type ParamEntry, type RsyncdDocument, type Section } from './model';
import type { ParamRange, ParamTable } from './param-table';
import { PARAMETERS } from './parameters';

// The modules as the daemon ends up with them (rsync 3.5.0 loadparm.c): duplicate headers merge into
// the first module with that key, later values win; a module copies the global values current when
// its first header is read, and string parameters it does not set fall back to the final global value.
// Global-only parameters inside modules are ignored, as rsync does.

export interface Setting {
  value: string;
  /** The line that set it (in the module, or in a global section). */
  entry: ParamEntry;
  /** Set in a global section rather than in the module itself. */
  inherited: boolean;
}

export interface ModuleView {
  /** The name of the first header, as clients must request it. */
  name: string;
  key: string;
  /** Every section that (re)opened this module, in document order. */
  sections: Section[];
  header: HeaderEntry;
  /** The module's own setting of a parameter (last one wins), by rsync key (`authusers`). */
  own(key: string): ParamEntry | undefined;
  /** The effective setting: own, else the global default as rsync resolves it. */
  get(key: string): Setting | undefined;
  /** The effective value alone, as `get(key)?.value`, for checks that report nothing on most modules. */
  value(key: string): string | undefined;
}

const BY_DOC = new WeakMap<RsyncdDocument, ModuleView[]>();

/** The modules of a document in order of first appearance, cached per parsed document. */
export function moduleViews(doc: RsyncdDocument): ModuleView[] {
  let views = BY_DOC.get(doc);
  if (!views) {
    views = buildViews(doc);
    BY_DOC.set(doc, views);
  }
  return views;
}

/** A class, not per-module closures: 5,000 modules share two methods. */
class View implements ModuleView {
  // Array literals of one element: `[]` and a push would reserve room for 17, on each of 5,000 modules.
  readonly sections: Section[];
  /** The module's lines in reading order: its sections' and those added after a directive (see `ReadStep`). */
  readonly parts: ParamRange[];
  constructor(
    section: Section,
    range: ParamRange,
    readonly name: string,
    readonly key: string,
    readonly header: HeaderEntry,
    /** The global values current when the module's first header was read. */
    private readonly snapshot: ReadonlyMap<string, ParamEntry>,
    /** The global values when reading ended (set once the whole file is read). */
    private readonly final: { globals: ReadonlyMap<string, ParamEntry> },
  ) {
    this.sections = [section];
    this.parts = [range];
  }

  own(key: string): ParamEntry | undefined {
    const found = this.ownLine(key);
    return found && found.table.view(found.index);
  }

  /** Where the module sets `key` itself (its last such line), without making a view. */
  private ownLine(key: string): { table: ParamTable; index: number } | undefined {
    // A backwards scan instead of a map per module: a module has a handful of lines, and 5,000 maps
    // were a measurable share of a large file's validation.
    const parts = this.parts;
    for (let i = parts.length - 1; i >= 0; i--) {
      const { table, from, to } = parts[i];
      for (let j = to - 1; j >= from; j--) {
        const record = table.record(j);
        if (record.key === key && record.info?.scope === 'module') return { table, index: j };
      }
    }
    return undefined;
  }

  value(key: string): string | undefined {
    const mine = this.ownLine(key);
    if (mine) return mine.table.value(mine.index);
    return (this.snapshot.get(key) ?? (STRING_KEYS.has(key) ? this.final.globals.get(key) : undefined))?.value;
  }

  get(key: string): Setting | undefined {
    const mine = this.own(key);
    if (mine) return { value: mine.value, entry: mine, inherited: false };
    const global = this.snapshot.get(key) ?? (STRING_KEYS.has(key) ? this.final.globals.get(key) : undefined);
    return global ? { value: global.value, entry: global, inherited: true } : undefined;
  }
}

/**
 * One step of reading: a section (or the part of one between directives), or one of the markers
 * rsync's `&include` sends around an included file: `push` saves the globals, `pop` restores and drops
 * them, `reset` restores them (between the files of an included directory). `more` adds lines to a
 * section opened earlier (after a directive), without counting as a new header.
 */
export type ReadStep =
  Section | 'push' | 'pop' | 'reset' | { more: Section; range: ParamRange } | { opens: Section; range: ParamRange };

function buildViews(doc: RsyncdDocument): ModuleView[] {
  return buildModuleViews(doc.sections);
}

/** The modules rsync ends up with after reading `steps` in order. */
export function buildModuleViews(steps: readonly ReadStep[]): ModuleView[] {
  const final = { globals: new Map<string, ParamEntry>() as ReadonlyMap<string, ParamEntry> };
  let currentGlobals = new Map<string, ParamEntry>();
  // Copy on write: modules opened so far keep their snapshot.
  let shared = true;
  const saved: Map<string, ParamEntry>[] = [];
  const byKey = new Map<string, View>();
  const views: ModuleView[] = [];
  const setGlobals = ({ table, from, to }: ParamRange) => {
    for (let i = from; i < to; i++) {
      const record = table.record(i);
      if (!record.info) continue;
      if (shared) {
        currentGlobals = new Map(currentGlobals);
        shared = false;
      }
      currentGlobals.set(record.key, table.view(i));
    }
  };
  for (const section of steps) {
    if (section === 'push') {
      saved.push(currentGlobals);
      shared = true;
      continue;
    }
    if (section === 'pop' || section === 'reset') {
      const top = saved[saved.length - 1];
      if (top) currentGlobals = top;
      if (section === 'pop') saved.pop();
      shared = true;
      continue;
    }
    if ('more' in section) {
      if (section.more.isGlobal) setGlobals(section.range);
      else byKey.get(section.more.key)?.parts.push(section.range);
      continue;
    }
    const opened = 'opens' in section ? section.opens : section;
    const range = section.range;
    if (opened.isGlobal) {
      setGlobals(range);
      continue;
    }
    if (!opened.header || opened.header.error) continue;
    const view = byKey.get(opened.key);
    if (view) {
      view.sections.push(opened);
      view.parts.push(range);
      continue;
    }
    const created = new View(opened, range, opened.name, opened.key, opened.header, currentGlobals, final);
    shared = true;
    byKey.set(opened.key, created);
    views.push(created);
  }
  final.globals = currentGlobals;
  return views;
}

/** Keys of string parameters: a module that does not set one falls back to the final global value. */
const STRING_KEYS = new Set(
  PARAMETERS.filter((p) => !['bool', 'bool3', 'int', 'enum'].includes(p.type)).map((p) => parameterKey(p.name)),
);

/** The module a section belongs to (undefined for global sections and broken headers). */
export function moduleOf(doc: RsyncdDocument, section: Section): ModuleView | undefined {
  if (section.isGlobal) return undefined;
  let index = KEYED.get(doc);
  if (!index) {
    index = new Map(moduleViews(doc).map((m) => [m.key, m]));
    KEYED.set(doc, index);
  }
  return index.get(section.key);
}
const KEYED = new WeakMap<RsyncdDocument, Map<string, ModuleView>>();

/** What the secrets-file checks need from each module, with positions. */
export interface AuthSettings {
  module: string;
  header: HeaderEntry;
  authUsers?: Setting;
  secretsFile?: Setting;
  strictModes?: Setting;
}

export function authSettings(doc: RsyncdDocument): AuthSettings[] {
  return moduleViews(doc).map((m) => {
    const authUsers = m.get('authusers');
    const secretsFile = m.get('secretsfile');
    const strictModes = m.get('strictmodes');
    return {
      module: m.name,
      header: m.header,
      ...(authUsers ? { authUsers } : {}),
      ...(secretsFile ? { secretsFile } : {}),
      ...(strictModes ? { strictModes } : {}),
    };
  });
}
