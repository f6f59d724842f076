import type { ReportOptions, Reporter } from '../rule';
import type { CheckContext, HostAccess, Span } from '../types';
import { lineIndex } from '../text';
import {
  ParsedSection,
  type DirectiveEntry,
  type HeaderEntry,
  type ParamEntry,
  type RsyncdDocument,
  type Section,
} from './model';
import { ParamTable } from './param-table';
import { buildModuleViews, moduleViews, type ModuleView, type ReadStep } from './modules';
import { parseRsyncd } from './parser';

// `&include` and `&merge` as rsync 3.5.0 reads them (params.c include_config, loadparm.c do_section): a directory
// reads its `*.conf` (include) or `*.inc` (merge) files sorted by name; `&include` saves the globals before the file
// and restores them after it (a `reset` between the files of a directory), and leaves the reader in the global
// section; `&merge` reads the file inline, so its globals stay and the reader stays in whatever section the file
// ended in.

/**
 * rsync 3.5.0 has no cycle check and no limit: a file that includes itself, directly or through a
 * directory that holds it, recurses until the daemon runs out of stack (SIGSEGV, observed) or file
 * descriptors ("Failed to parse config file", exit 1). The first failure ends the whole parse, so rsync
 * never reads the files after it: the follower stops at the first cycle too. Nesting deeper than
 * MAX_DEPTH, or more reading than the budget below, is legal for rsync but not followed here; that is
 * reported as a limit of the check, not as a fault of the config.
 */
const MAX_DEPTH = 8;
/** Files read (counting every time one is read) and characters parsed across one expansion. */
export const MAX_INCLUDED_FILES = 1000;
export const MAX_INCLUDED_CHARS = 16 * 1024 * 1024;

export interface IncludedFile {
  path: string;
  doc: RsyncdDocument;
  /** The directive in the checked document that (directly or through other files) reads this file. */
  via: DirectiveEntry;
}

export interface Expansion {
  /** The modules with everything the included files add. */
  modules: ModuleView[];
  files: IncludedFile[];
  /**
   * Directives in the checked document where following stopped or a file was left out: `fatal` when
   * rsync fails there too (a cycle, a FIFO), otherwise a limit of this check (nesting, budget, size).
   */
  loops: { directive: DirectiveEntry; message: string; fatal: boolean }[];
  /** Where to report a problem about `entry`: its own span, or the directive that reads its file. */
  place(entry: ParamEntry | HeaderEntry, span: Span): { span: Span; note: string };
}

const BY_CTX = new WeakMap<CheckContext, WeakMap<RsyncdDocument, Expansion>>();
/** Contexts of checks on an included file itself: its includes were already followed from the top. */
const NESTED = new WeakSet<CheckContext>();

/** The context for checking an included file on its own. */
export function nestedContext(ctx: CheckContext, path: string): CheckContext {
  const nested = { ...ctx, path };
  NESTED.add(nested);
  return nested;
}

/** The document with its included files, when `ctx.host` can read them; cached per check. */
export function expansion(doc: RsyncdDocument, ctx: CheckContext): Expansion {
  let perDoc = BY_CTX.get(ctx);
  if (!perDoc) {
    perDoc = new WeakMap();
    BY_CTX.set(ctx, perDoc);
  }
  let result = perDoc.get(doc);
  if (!result) {
    result = expand(doc, NESTED.has(ctx) ? undefined : ctx.host, ctx.path);
    perDoc.set(doc, result);
  }
  return result;
}

function readsFile(d: DirectiveEntry): boolean {
  return (d.name === 'include' || d.name === 'merge') && d.argument !== '';
}

/** Whether a directive of the document reads other files (then its modules depend on them). */
export function readsFiles(doc: RsyncdDocument): boolean {
  let reads = READS_FILES.get(doc);
  if (reads === undefined) {
    reads = doc.sections.some((s) => s.directives.some(readsFile));
    READS_FILES.set(doc, reads);
  }
  return reads;
}

/** Per document: asked of the text before an edit and the one after, on every keystroke. */
const READS_FILES = new WeakMap<RsyncdDocument, boolean>();

/** The working directory systemd (Debian's rsync.service) and inetd start the daemon in. */
export const DAEMON_CWD = '/';

/**
 * The file a directive's path names for the daemon: rsync opens a relative path from its working
 * directory (the daemon does not chdir first), which is `/` under systemd and inetd, not from the config's folder.
 */
export function daemonPath(argument: string, cwd = DAEMON_CWD): string {
  if (argument.startsWith('/')) return argument;
  const parts: string[] = [];
  for (const part of `${cwd}/${argument}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}${argument.endsWith('/') && parts.length ? '/' : ''}`;
}

function expand(doc: RsyncdDocument, host: HostAccess | undefined, ownPath: string | undefined): Expansion {
  const plain: Expansion = {
    // Made on request: rules that only want `loops` or `files` run on every edit.
    get modules() {
      return moduleViews(doc);
    },
    files: [],
    loops: [],
    place: (_e, span) => ({ span, note: '' }),
  };
  if (!host || !readsFiles(doc)) return plain;

  const files: IncludedFile[] = [];
  const loops: Expansion['loops'] = [];
  const origin = new Map<Section, IncludedFile>();
  const steps: ReadStep[] = [];
  let filesRead = 0;
  let charsRead = 0;
  /** Set at the first cycle or limit: nothing after it is read, as rsync reads nothing after a failure. */
  let stopped = false;
  const stop = (directive: DirectiveEntry, message: string, fatal: boolean) => {
    loops.push({ directive, message, fatal });
    stopped = true;
  };

  /**
   * Reads one document into `steps`, splitting sections at directives, and returns the section the
   * reader is in at its end. `context` is the reader's section when the document starts: its
   * implicit global part continues that section (a `&merge` inside a module adds to the module).
   */
  const read = (d: RsyncdDocument, file: IncludedFile | undefined, stack: string[], context: Section): Section => {
    for (const section of d.sections) {
      let current = section.header ? section : context;
      const { table, from, to } = section.range;
      let partFrom = from;
      let opened = !section.header;
      // Ends the part of the section before line `at`: the header's part opens the module, later parts add to it.
      const flush = (at: number) => {
        if (!opened)
          steps.push(
            partFrom === from && at === to ? section : { opens: section, range: { table, from: partFrom, to: at } },
          );
        else if (at > partFrom) steps.push({ more: current, range: { table, from: partFrom, to: at } });
        opened = true;
        partFrom = at;
      };
      const directives = section.directives.filter(readsFile);
      let next = 0;
      for (let i = from; i < to && !stopped; i++) {
        while (!stopped && next < directives.length && directives[next].span.start < table.start(i)) {
          flush(i);
          current = directive(directives[next++], file, stack, current);
        }
      }
      if (stopped) return context;
      flush(to);
      while (!stopped && next < directives.length) current = directive(directives[next++], file, stack, current);
      context = current;
      if (stopped) return context;
    }
    return context;
  };

  /** Reads a directive's files; returns the reader's section afterwards. */
  const directive = (
    e: DirectiveEntry,
    parent: IncludedFile | undefined,
    stack: string[],
    context: Section,
  ): Section => {
    const via = parent?.via ?? e;
    const include = e.name === 'include';
    const paths = targets(host, daemonPath(e.argument), include ? '.conf' : '.inc') ?? [];
    // rsync reads nothing (and changes no state) for a directory without matching files.
    if (!paths.length) return context;
    let pushed = false;
    for (let i = 0; i < paths.length && !stopped; i++) {
      const path = paths[i];
      if (stack.includes(path)) {
        const cycle = [...stack.slice(stack.indexOf(path)), path].join(' → ');
        stop(via, `${path} includes itself (${cycle}); rsync recurses until it crashes`, true);
      } else if (stack.length > MAX_DEPTH) {
        stop(
          via,
          `includes nest more than ${MAX_DEPTH} deep; Push Mirror did not follow them further, so what they read was not checked`,
          false,
        );
      } else if (host.stat(path)?.special) {
        // rsync's include_config() fails on what is neither a file nor a directory; it is never opened here.
        stop(via, `${path} is ${host.stat(path)?.special}, not a regular file: rsync cannot read it`, true);
      } else {
        const text = host.readText(path);
        if (text === undefined) {
          // Too large to read here (rsync reads it): said once, and the rest is still followed.
          const why = host.whyUnread?.(path);
          if (why) loops.push({ directive: via, message: `${why}, so what it holds was not checked`, fatal: false });
          continue;
        }
        if (++filesRead > MAX_INCLUDED_FILES || (charsRead += text.length) > MAX_INCLUDED_CHARS) {
          stop(
            via,
            `the includes read more than ${MAX_INCLUDED_FILES} files or ${MAX_INCLUDED_CHARS / 1024 / 1024} MiB in all; Push Mirror stopped following them at ${path}, so what they read after that was not checked`,
            false,
          );
          continue;
        }
        const included: IncludedFile = { path, doc: parseRsyncd(text), via };
        files.push(included);
        for (const s of included.doc.sections) origin.set(s, included);
        if (include) {
          steps.push(pushed ? 'reset' : 'push');
          pushed = true;
          read(included.doc, included, [...stack, path], GLOBAL);
        } else {
          context = read(included.doc, included, [...stack, path], context);
        }
      }
    }
    if (!include) return context;
    if (pushed) steps.push('pop');
    return GLOBAL;
  };

  read(doc, undefined, ownPath ? [ownPath] : [], GLOBAL);
  if (!files.length && !loops.length) return plain;
  const lineOf = new Map<RsyncdDocument, (offset: number) => { line: number }>();
  return {
    modules: buildModuleViews(steps),
    files,
    loops,
    place(entry, span) {
      const section = entry.kind === 'param' ? entry.section : undefined;
      const file = section ? origin.get(section) : files.find((f) => f.doc.sections.some((s) => s.header === entry));
      if (!file) return { span, note: '' };
      let lines = lineOf.get(file.doc);
      if (!lines) lineOf.set(file.doc, (lines = lineIndex(file.doc.text)));
      return { span: file.via.span, note: ` (in ${file.path} line ${lines(span.start).line + 1})` };
    },
  };
}

/** The section the reader is in after `&include`: the global one, with nothing of its own. */
const GLOBAL: Section = new ParsedSection('global', 'global', true, 0, 0, false, new ParamTable('', []), 0);

/** The files a directive reads, in rsync's order; undefined when the path cannot be read here. */
function targets(host: HostAccess, path: string, suffix: string): string[] | undefined {
  const st = host.stat(path);
  if (!st?.exists) return undefined;
  if (!st.isDirectory) return [path];
  const names = host.readDir(path);
  if (!names) return undefined;
  // strcmp order, as rsync's qsort with name_cmp.
  const base = path.endsWith('/') ? path : path + '/';
  return names
    .filter((n) => n.endsWith(suffix) && n.length > suffix.length - 1)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((n) => base + n);
}

/**
 * A reporter for problems about entries that may come from an included file: those land on the
 * directive line of the checked file, name the file and line, and lose their fixes (which would edit
 * the wrong text).
 */
export function placedReporter(
  exp: Expansion,
  report: Reporter,
): (entry: ParamEntry | HeaderEntry, span: Span, message: string, options?: ReportOptions) => void {
  return (entry, span, message, options) => {
    const at = exp.place(entry, span);
    if (!at.note) report(span, message, options);
    else report(at.span, message + at.note);
  };
}
