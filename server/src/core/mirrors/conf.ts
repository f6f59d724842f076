// runmirrors.conf is a shell fragment that runmirrors sources (`. "$config"`). We read the plain
// assignments (`NAME=value`, quoted or not, optionally `export`ed) and apply runmirrors' defaults
// the way /usr/bin/runmirrors (ftpsync 20180513+nmu1) does after sourcing it. Anything more
// clever (conditionals, command substitution) is left as written and flagged `dynamic`.

export interface ConfAssignment {
  name: string;
  /** Value after quote removal and expansion of earlier variables and (unquoted) a leading `~`. */
  value: string;
  line: number;
  start: number;
  end: number;
  /** Contains `$(`, backticks or an unknown `$VAR`: the value is only a guess. */
  dynamic: boolean;
}

export interface RunmirrorsSettings {
  /** Absolute path of the master key (KEYFILE is relative to the home directory). */
  keyFile: string;
  /** KEYFILE as written, for messages. */
  keyFileSetting: string;
  logDir: string;
  lockDir: string;
  pushDelay: number;
  /** BASEDIR; runmirrors `cd`s there under `set -u`, so it must be set (or come from the environment). */
  baseDir?: string;
  sshOpts: string;
  /** HUB belongs to ftpsync.conf (it makes ftpsync call runmirrors); runmirrors itself never reads it. */
  hub?: string;
  mailTo?: string;
  log?: string;
  assignments: Map<string, ConfAssignment>;
}

const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

function unquote(raw: string): { text: string; quoted: 'none' | 'single' | 'double' } {
  let text = raw.trim();
  // Drop a trailing comment that is outside quotes.
  if (text.startsWith("'")) {
    const close = text.indexOf("'", 1);
    return { text: close > 0 ? text.slice(1, close) : text.slice(1), quoted: 'single' };
  }
  if (text.startsWith('"')) {
    let out = '';
    for (let i = 1; i < text.length; i++) {
      const c = text[i];
      if (c === '\\' && i + 1 < text.length) {
        out += text[++i];
        continue;
      }
      if (c === '"') break;
      out += c;
    }
    return { text: out, quoted: 'double' };
  }
  text = text.replace(/[ \t]+#.*$/, '');
  const space = text.search(/[ \t;]/);
  return { text: space >= 0 ? text.slice(0, space) : text, quoted: 'none' };
}

function expand(
  value: string,
  vars: ReadonlyMap<string, string>,
  home: string,
  tilde: boolean,
): { value: string; dynamic: boolean } {
  let dynamic = /\$\(|`/.test(value);
  let out = value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-=]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_m, braced: string, fallback: string | undefined, bare: string) => {
      const name = braced ?? bare;
      const known = vars.get(name) ?? (name === 'HOME' ? home : undefined);
      if (known !== undefined && known !== '') return known;
      if (fallback !== undefined) return fallback;
      dynamic = true;
      return '';
    },
  );
  // bash expands a leading `~` of an unquoted assignment only: KEYFILE="~/.ssh/key" stays `~/.ssh/key`,
  // which runmirrors then looks for as $HOME/~/.ssh/key (and stops: "SSH Key … does not exist").
  if (tilde && (out === '~' || out.startsWith('~/'))) out = home + out.slice(1);
  return { value: out, dynamic };
}

export function parseShellAssignments(
  text: string,
  home: string,
  seed: Readonly<Record<string, string>> = {},
): Map<string, ConfAssignment> {
  const result = new Map<string, ConfAssignment>();
  const vars = new Map<string, string>(Object.entries(seed));
  let offset = 0;
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const raw = lines[line].replace(/\r$/, '');
    const m = ASSIGNMENT.exec(raw);
    if (m) {
      const { text: unquoted, quoted } = unquote(m[2]);
      // Single quotes stop expansion; unquoted and double-quoted values expand.
      const expanded =
        quoted === 'single' ? { value: unquoted, dynamic: false } : expand(unquoted, vars, home, quoted === 'none');
      vars.set(m[1], expanded.value);
      result.set(m[1], {
        name: m[1],
        value: expanded.value,
        line,
        start: offset,
        end: offset + raw.length,
        dynamic: expanded.dynamic,
      });
    }
    offset += lines[line].length + 1;
  }
  return result;
}

function joinHome(home: string, file: string): string {
  if (file.startsWith('/')) return file;
  return `${home.replace(/\/$/, '')}/${file.replace(/^\.\//, '')}`;
}

/**
 * runmirrors' effective settings from the text of its config (undefined text: no config file).
 * `seed` stands for the environment, e.g. a BASEDIR guessed from an archvsync home layout.
 */
export function readRunmirrorsConf(
  text: string | undefined,
  home: string,
  seed: Readonly<Record<string, string>> = {},
): RunmirrorsSettings {
  const assignments = text === undefined ? new Map<string, ConfAssignment>() : parseShellAssignments(text, home, seed);
  const get = (name: string): string | undefined => {
    const v = assignments.get(name)?.value;
    return v === undefined || v === '' ? undefined : v;
  };
  const keyFileSetting = get('KEYFILE') ?? '.ssh/pushmirror';
  const logDir = get('LOGDIR') ?? `${home}/.local/log/ftpsync`;
  const delay = Number.parseInt(get('PUSHDELAY') ?? '', 10);
  return {
    keyFile: joinHome(home, keyFileSetting),
    keyFileSetting,
    logDir,
    lockDir: get('LOCKDIR') ?? `${home}/.local/lock/ftpsync`,
    pushDelay: Number.isFinite(delay) ? delay : 600,
    ...(get('BASEDIR') ? { baseDir: get('BASEDIR') } : {}),
    sshOpts: get('SSH_OPTS') ?? '-o StrictHostKeyChecking=no',
    ...(get('HUB') ? { hub: get('HUB') } : {}),
    ...(get('MAILTO') ? { mailTo: get('MAILTO') } : {}),
    ...(get('LOG') ? { log: get('LOG') } : {}),
    assignments,
  };
}

/** The config runmirrors reads next to a list: runmirrors.mirror ↔ runmirrors.conf, runmirrors-bpo.mirror ↔ runmirrors-bpo.conf. */
export function confPathFor(mirrorPath: string): string {
  return mirrorPath.replace(/\.mirror(\.sample)?$/, '.conf$1');
}
