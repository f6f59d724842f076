import { cachedParser } from '../parse-cache';
import type { CheckContext, Span } from '../types';
import type { VarValue } from './bash/expand';
import { readScript, type Assignment, type ShellScript } from './bash/reader';
import { ftpsyncSetting, initialVariables, type FtpsyncSetting } from './environment';
import { variable } from './variables';

// An ftpsync.conf as ftpsync sees it: the file read by bash (bash/reader.ts) in the variables ftpsync
// has set by then (environment.ts), and the value each setting ends up with once ftpsync applies its
// defaults after sourcing (`MIRRORNAME=${MIRRORNAME:-$(hostname -f)}` and the rest).

export interface FtpsyncDoc {
  text: string;
  script: ShellScript;
  setting: FtpsyncSetting;
  /** Assignments bash performs (temporary ones left out), by name, in file order. */
  byName: Map<string, Assignment[]>;
}

/** ftpsync's defaults, applied with `${NAME:-default}` (an empty value gets the default too). */
const DEFAULTS: Readonly<Record<string, string | undefined>> = {
  MIRRORNAME: undefined,
  TRACEHOST: undefined,
  TO: '/srv/mirrors/debian/',
  HUB: 'false',
  RSYNC_PATH: 'debian',
  RSYNC_USER: '',
  RSYNC_PASSWORD: '',
  RSYNC_SSL_PORT: '1873',
  RSYNC_SSL_CAPATH: '/etc/ssl/certs',
  RSYNC_SSL_METHOD: 'stunnel',
  RSYNC_PROXY: '',
  ARCH_INCLUDE: '',
  ARCH_EXCLUDE: '',
  EXCLUDE: '',
  ERRORSONLY: 'true',
  FULLLOGS: 'false',
  LOGROTATE: '14',
  LOCKTIMEOUT: '3600',
  UIPSLEEP: '1200',
  UIPRETRIES: '3',
  RSYNC: 'rsync',
  RSYNC_EXTRA: '',
  RSYNC_BW: '0',
  CALLBACKUSER: 'archvsync',
  CALLBACKHOST: 'none',
  CALLBACKKEY: 'none',
  HOOK1: '',
  HOOK2: '',
  HOOK3: '',
  HOOK4: '',
  HOOK5: '',
};

/** ftpsync's own RSYNC_OPTIONS* defaults (rsync protocol 31 or later). */
export const DEFAULT_OPTIONS: Readonly<Record<string, string>> = {
  RSYNC_OPTIONS: variable('RSYNC_OPTIONS')!.default!,
  RSYNC_OPTIONS1: variable('RSYNC_OPTIONS1')!.default!,
  RSYNC_OPTIONS2: variable('RSYNC_OPTIONS2')!.default!,
};

function parse(key: string): FtpsyncDoc {
  const split = key.indexOf('\0');
  const [path, home] = key.slice(0, split).split('\u0001');
  const text = key.slice(split + 1);
  const setting = ftpsyncSetting(path || undefined, home || undefined);
  const script = readScript(text, initialVariables(setting));
  const byName = new Map<string, Assignment[]>();
  for (const a of script.assignments) {
    if (a.how === 'temporary') continue;
    const list = byName.get(a.name);
    if (list) list.push(a);
    else byName.set(a.name, [a]);
  }
  return { text, script, setting, byName };
}

const cached = cachedParser(parse);

/** The document for `text` as the file at `ctx.path` (the path decides which ftpsync reads it). */
export function ftpsyncDoc(text: string, ctx: CheckContext = {}): FtpsyncDoc {
  return cached(`${ctx.path ?? ''}\u0001${ctx.host?.homeDir ?? ''}\0${text}`);
}

/** What the variable holds once bash has read the file; undefined: unset. */
export function finalValue(doc: FtpsyncDoc, name: string): VarValue | undefined {
  const v = doc.script.vars.get(name);
  if (v) return v;
  return doc.script.open ? { state: 'unknown', maybeUnset: true } : undefined;
}

/** The last assignment to `name` that takes effect (reached, not temporary): where to report on it. */
export function lastAssignment(doc: FtpsyncDoc, name: string): Assignment | undefined {
  const list = doc.byName.get(name);
  if (!list) return undefined;
  for (let i = list.length - 1; i >= 0; i--) if (!list[i].unreached) return list[i];
  return undefined;
}

export interface Effective {
  /** The value ftpsync uses; undefined when it cannot be known from the file. */
  value: string | undefined;
  /** ftpsync's default applies (unset or empty in the file). */
  fromDefault: boolean;
  /** Where the file sets it, if it does. */
  assignment?: Assignment;
}

/** The value ftpsync works with after its defaults, as its code computes it after sourcing. */
export function effective(doc: FtpsyncDoc, name: string): Effective {
  const v = finalValue(doc, name);
  const assignment = lastAssignment(doc, name);
  const withA = assignment ? { assignment } : {};
  if (v?.state === 'unknown') return { value: undefined, fromDefault: false, ...withA };
  const own = v?.state === 'set' ? v.value : undefined;
  if (own !== undefined && own !== '') return { value: own, fromDefault: false, ...withA };
  if (name === 'LOG') {
    const dir = effective(doc, 'LOGDIR').value;
    const n = finalValue(doc, 'NAME');
    return {
      value: dir !== undefined && n?.state === 'set' ? `${dir}/${n.value}.log` : undefined,
      fromDefault: true,
      ...withA,
    };
  }
  if (name === 'RSYNC_TRANSPORT') {
    const ssl = finalValue(doc, 'RSYNC_SSL');
    return {
      value: ssl?.state === 'set' && ssl.value === 'true' ? 'ssl' : ssl?.state === 'unknown' ? undefined : 'undefined',
      fromDefault: true,
      ...withA,
    };
  }
  if (name in DEFAULT_OPTIONS) return { value: DEFAULT_OPTIONS[name], fromDefault: true, ...withA };
  if (Object.hasOwn(DEFAULTS, name)) return { value: DEFAULTS[name], fromDefault: true, ...withA };
  return { value: own, fromDefault: false, ...withA };
}

/** Whether the file leaves `name` unset or empty for certain (so ftpsync's default applies). */
export function isUnsetOrEmpty(doc: FtpsyncDoc, name: string): boolean {
  const v = finalValue(doc, name);
  return v === undefined || (v.state === 'set' && v.value === '');
}

/** The span to report a problem with an assignment's value on (its value, or its name when empty). */
export function valueSpan(a: Assignment): Span {
  return a.end > a.valueStart ? { start: a.valueStart, end: a.end } : { start: a.nameStart, end: a.nameEnd };
}

/** The raw source of an assignment's value. */
export function valueSource(doc: FtpsyncDoc, a: Assignment): string {
  return doc.text.slice(a.valueStart, a.end);
}

/** The module name RSYNC_PATH asks for (`debian/dists` asks for `debian`). */
export function moduleName(path: string): string {
  return path.replace(/^\/+/, '').split('/')[0] ?? '';
}
