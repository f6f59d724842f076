import { archvsyncSeed } from '../../../server/src/core/mirrors/check';
import { readRunmirrorsConf } from '../../../server/src/core/mirrors/conf';

// Recording a new key in runmirrors.conf: runmirrors reads `KEYFILE=` (a shell assignment, default
// .ssh/pushmirror) and passes it to `ssh -i`. The edit replaces the last active assignment, else
// goes right after a commented-out sample line, else at the end; everything else keeps its bytes.

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** Shell-quotes a value only when it needs it (single quotes: nothing inside is special). */
export function shellValue(value: string): string {
  if (/^[A-Za-z0-9_./@%+=:,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function keyfileEdit(text: string, keyFile: string): TextEdit {
  const assignment = `KEYFILE=${shellValue(keyFile)}`;
  let active: { start: number; end: number } | undefined;
  let sample: number | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    const end = offset + line.replace(/\r$/, '').length;
    if (/^\s*(export\s+)?KEYFILE=/.test(line)) active = { start: offset + line.indexOf('KEYFILE='), end };
    else if (/^\s*#\s*KEYFILE=/.test(line)) sample = offset + line.length + 1;
    offset += line.length + 1;
  }
  if (active) return { ...active, newText: assignment };
  if (sample !== undefined && sample <= text.length) return { start: sample, end: sample, newText: `${assignment}\n` };
  const sep = text.length && !text.endsWith('\n') ? '\n' : '';
  return { start: text.length, end: text.length, newText: `${sep}${assignment}\n` };
}

/** The key runmirrors signals with now: KEYFILE as written (or its default) and the file it names. */
export function currentKeyFile(
  confText: string,
  confPath: string,
  home: string,
): { setting: string; path: string; explicit: boolean } {
  // BASEDIR from an archvsync home layout (…/etc/runmirrors.conf), as the Downstreams view reads it.
  const settings = readRunmirrorsConf(confText, home, archvsyncSeed(confPath));
  return {
    setting: settings.keyFileSetting,
    path: settings.keyFile,
    explicit: !!settings.assignments.get('KEYFILE')?.value,
  };
}
