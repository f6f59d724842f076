import { globToRegExp } from './glob';

// The one list of the file kinds Push Mirror knows: ids, names, file patterns, grammars and rule
// prefixes. package.json's languages, grammars and activation events are generated from it
// (scripts/manifest.ts), the client's document selector and the CLI's and server's
// `languageForPath` read it, so VS Code, the CLI and other editors recognise the same files.
// It holds no rule code, so the CLI can read it without loading the rules.

export interface LanguageFacts {
  id: string;
  /** Shown in the editor's language picker and as the rule reference's section title. */
  title: string;
  aliases: readonly string[];
  /** Exact base names (matched ignoring case, as VS Code does). */
  filenames: readonly string[];
  /** Globs: matched against the base name, or the whole path when they contain a `/` (as VS Code does). */
  filenamePatterns: readonly string[];
  /** Prefix of the language's rule codes (`rsyncd/unknown-parameter`); absent when the server has no rules for it. */
  rulePrefix?: string;
  /** TextMate grammar scope; the grammar and language configuration live in syntaxes/<id>.*. */
  scopeName?: string;
  /**
   * Not contributed as a language: the editor keeps its own language (YAML) and the server picks its
   * service by file name. The extension activates on workspaceContains of these patterns instead.
   */
  selectedByPattern?: boolean;
}

export const LANGUAGES = [
  {
    id: 'rsyncd-conf',
    title: 'rsyncd.conf',
    aliases: ['rsyncd.conf', 'rsync daemon config'],
    filenames: ['rsyncd.conf'],
    filenamePatterns: [
      '**/rsyncd.conf.d/*.conf',
      '**/rsyncd.conf.d/*.inc',
      '*.rsyncd.conf',
      'rsyncd-*.conf',
      'rsyncd.*.conf',
    ],
    rulePrefix: 'rsyncd',
    scopeName: 'source.rsyncd-conf',
  },
  {
    id: 'rsyncd-secrets',
    title: 'rsync secrets files',
    aliases: ['rsync secrets', 'rsyncd.secrets'],
    filenames: ['rsyncd.secrets'],
    filenamePatterns: ['*.secrets', 'rsyncd.secrets.*'],
    rulePrefix: 'secrets',
    scopeName: 'source.rsyncd-secrets',
  },
  {
    id: 'ssh-authorized-keys',
    title: 'authorized_keys',
    aliases: ['SSH authorized_keys', 'authorized_keys'],
    filenames: ['authorized_keys', 'authorized_keys2'],
    filenamePatterns: ['**/.ssh/authorized_keys*', '*.authorized_keys', '**/authorized_keys.d/*'],
    rulePrefix: 'authkeys',
    scopeName: 'source.ssh-authorized-keys',
  },
  {
    id: 'runmirrors-mirror',
    title: 'runmirrors.mirror',
    aliases: ['runmirrors.mirror', 'runmirrors mirror list'],
    filenames: ['runmirrors.mirror'],
    filenamePatterns: ['runmirrors*.mirror', '*.mirror.sample', 'runmirrors*.mirror.sample'],
    rulePrefix: 'mirrors',
    scopeName: 'source.runmirrors-mirror',
  },
  {
    id: 'ftpsync-conf',
    title: 'ftpsync.conf',
    aliases: ['ftpsync.conf', 'ftpsync config'],
    filenames: ['ftpsync.conf', 'ftpsync.conf.sample'],
    // `ftpsync -a ARCHIVE` reads ftpsync-ARCHIVE.conf, from ~/.config/ftpsync, /etc/ftpsync or an archvsync home's etc/.
    filenamePatterns: ['ftpsync-*.conf', 'ftpsync-*.conf.sample'],
    rulePrefix: 'ftpsync',
    scopeName: 'source.ftpsync-conf',
  },
  {
    id: 'inetd-conf',
    title: 'inetd.conf',
    aliases: ['inetd.conf', 'inetd configuration'],
    filenames: ['inetd.conf'],
    // inetutils-inetd also reads every file in /etc/inetd.d.
    filenamePatterns: ['inetd.conf.*', '*.inetd.conf', '**/inetd.d/*'],
    rulePrefix: 'inetd',
    scopeName: 'source.inetd-conf',
  },
  {
    id: 'pushmirror-inventory',
    title: 'pushmirror.yaml inventory',
    aliases: [],
    filenames: ['pushmirror.yaml', 'pushmirror.yml'],
    filenamePatterns: [],
    rulePrefix: 'inventory',
    selectedByPattern: true,
  },
  {
    // Every file of a mirror's project/trace/: site traces (named after the mirror, no extension),
    // `<name>-stage1`, dak's `master`, `_hierarchy` (+ `.mirror`) and `_traces`; the service reads
    // each by its name.
    id: 'ftpsync-trace',
    title: 'ftpsync trace files',
    aliases: ['ftpsync trace', 'mirror trace'],
    filenames: [],
    filenamePatterns: ['**/project/trace/*'],
    rulePrefix: 'trace',
    scopeName: 'text.ftpsync-trace',
  },
  {
    id: 'ftpsync-log',
    title: 'ftpsync and runmirrors logs',
    aliases: ['ftpsync log', 'runmirrors log'],
    filenames: [],
    filenamePatterns: [
      'ftpsync*.log',
      'ftpsync*.log.[0-9]*',
      'rsync-ftpsync*.log',
      'rsync-ftpsync*.log.[0-9]*',
      'rsync-ftpsync*.error',
      'rsync-ftpsync*.error.[0-9]*',
      'runmirrors*.log',
      'runmirrors*.log.[0-9]*',
    ],
    scopeName: 'text.log.ftpsync',
  },
] as const satisfies readonly LanguageFacts[];

export type KnownLanguageId = (typeof LANGUAGES)[number]['id'];

/** Languages the language server checks: those with rules. */
export type LanguageId = Extract<(typeof LANGUAGES)[number], { rulePrefix: string }>['id'];

export const CHECKED_LANGUAGE_IDS = LANGUAGES.filter((l) => 'rulePrefix' in l).map((l) => l.id) as LanguageId[];

export function languageFacts(id: string): LanguageFacts | undefined {
  return (LANGUAGES as readonly LanguageFacts[]).find((l) => l.id === id);
}

/** The language whose rules carry this code prefix (`rsyncd` → `rsyncd-conf`). */
export function languageOfRulePrefix(prefix: string): LanguageId | undefined {
  return (LANGUAGES as readonly LanguageFacts[]).find((l) => l.rulePrefix === prefix)?.id as LanguageId | undefined;
}

interface CompiledPattern {
  language: string;
  onPath: boolean;
  length: number;
  test: RegExp;
}

let compiled: CompiledPattern[] | undefined;
function patterns(): CompiledPattern[] {
  compiled ??= (LANGUAGES as readonly LanguageFacts[]).flatMap((l) =>
    l.filenamePatterns.map((p) => ({
      language: l.id,
      onPath: p.includes('/'),
      length: p.length,
      test: globToRegExp(p.toLowerCase()),
    })),
  );
  return compiled;
}

/**
 * Which known language a file is, from its path alone, the way VS Code associates files: an exact
 * file name first, else the longest matching pattern; names compared ignoring case.
 */
export function knownLanguageForPath(path: string): KnownLanguageId | undefined {
  const full = path.replace(/\\/g, '/').toLowerCase();
  const base = full.slice(full.lastIndexOf('/') + 1);
  for (const l of LANGUAGES as readonly LanguageFacts[]) {
    if (l.filenames.some((f) => f.toLowerCase() === base)) return l.id as KnownLanguageId;
  }
  let best: CompiledPattern | undefined;
  for (const p of patterns()) {
    if ((!best || p.length > best.length) && p.test.test(p.onPath ? full : base)) best = p;
  }
  return best?.language as KnownLanguageId | undefined;
}

/** The checked language of a file from its name (the CLI has no editor to ask); undefined for logs and others. */
export function languageForPath(path: string): LanguageId | undefined {
  const id = knownLanguageForPath(path);
  return id && (CHECKED_LANGUAGE_IDS as string[]).includes(id) ? (id as LanguageId) : undefined;
}
