import { readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import SSHConfig from 'ssh-config';
import { FileReadError, readRegularFileSync } from '../../../server/src/node/files';

// The user's ~/.ssh/config, read in-process with the `ssh-config` package (one parse for a whole
// fan-out; `ssh -G` would cost a process per downstream). ssh-config does not follow `Include`, so
// included files are inlined here first, with OpenSSH's rules: relative paths are under ~/.ssh,
// `*`/`?` globs in the file name, at most 16 levels. `Match exec` is never evaluated. A missing
// file is no config, as for ssh; one that is not a regular file (a FIFO, a device) is an error.

export type HostConfig = Record<string, string | string[]>;

export interface SshConfigFile {
  /** Effective options for `host`, keys lower-cased; first value wins, IdentityFile accumulates. */
  compute(host: string): HostConfig;
}

const EMPTY: SshConfigFile = { compute: () => ({}) };

export function loadSshConfig(
  file: string | undefined = path.join(os.homedir(), '.ssh', 'config'),
  home = os.homedir(),
): SshConfigFile {
  if (!file || file === 'none') return EMPTY;
  const text = readConfig(file);
  return text === undefined ? EMPTY : fromText(inlineIncludes(text, path.join(home, '.ssh'), home, 0));
}

/** The file's text; undefined when it does not exist; throws FileReadError when it is not a readable regular file. */
function readConfig(file: string): string | undefined {
  try {
    return readRegularFileSync(file).toString('utf8');
  } catch (error) {
    if (error instanceof FileReadError && error.problem === 'missing') return undefined;
    throw error;
  }
}

export function fromText(text: string): SshConfigFile {
  const config = SSHConfig.parse(text);
  return {
    compute(host: string): HostConfig {
      const raw = config.compute(host, { matchExec: false, ignoreCase: true }) as HostConfig;
      const out: HostConfig = {};
      for (const [k, v] of Object.entries(raw)) out[k.toLowerCase()] = v;
      return out;
    },
  };
}

function inlineIncludes(text: string, baseDir: string, home: string, depth: number): string {
  if (depth > 16) throw new Error('Include nested too deeply');
  return text
    .split('\n')
    .map((line) => {
      const m = /^\s*include\s*=?\s*(.+?)\s*$/i.exec(line);
      if (!m) return line;
      const parts = m[1].split(/\s+/).map((p) => p.replace(/^"(.*)"$/, '$1'));
      return parts
        .flatMap((p) => expandGlob(resolvePath(p, baseDir, home)))
        .map((f) => {
          const included = readConfig(f);
          return included === undefined ? '' : inlineIncludes(included, baseDir, home, depth + 1);
        })
        .join('\n');
    })
    .join('\n');
}

export function resolvePath(p: string, baseDir: string, home: string): string {
  if (p === '~' || p.startsWith('~/')) return path.join(home, p.slice(1));
  return path.isAbsolute(p) ? p : path.join(baseDir, p);
}

function expandGlob(file: string): string[] {
  const base = path.basename(file);
  if (!/[*?]/.test(base)) return [file];
  const re = new RegExp(
    `^${base
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  try {
    return readdirSync(path.dirname(file))
      .filter((n) => re.test(n))
      .sort()
      .map((n) => path.join(path.dirname(file), n));
  } catch {
    return [];
  }
}
