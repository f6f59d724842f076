import type { Field } from './parser';

// What ssh really receives from the `-ssh options…` form. runmirrors stores the options as
// SSHOPTS="${SSHOPT/ /#}" in an array, then `local ${!ARGS}` splits that array on blanks again:
// only the text up to the second blank survives (the first space became `#` and is turned back
// later); every further word is handed to `local` as a bogus variable name ("not a valid
// identifier") and dropped. Measured with ftpsync 20180513+nmu1 and a logging fake ssh.

/** ssh(1) flags that take an argument (OpenSSH 9 getopt string). */
export const SSH_ARG_FLAGS = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split(''));
/** ssh(1) flags without an argument. */
export const SSH_BOOL_FLAGS = new Set('46AaCfGgKkMNnqsTtVvXxYy12'.split(''));

export interface SshToken {
  value: string;
  start: number;
  end: number;
}

export interface SshOption {
  flag: string;
  /** The argument (attached `-p22` or the next word). */
  arg?: SshToken;
  token: SshToken;
}

export interface SshOptionsAnalysis {
  /** Every word of the rest, with offsets in the document. */
  words: SshToken[];
  /** The words ssh actually receives after runmirrors' mangling. */
  kept: SshToken[];
  /** Words runmirrors drops. */
  dropped: SshToken[];
  /** Options parsed from the kept words. */
  options: SshOption[];
  /** Flags ssh does not know. */
  unknown: SshToken[];
  /** A flag that needs an argument but is the last kept word: ssh takes runmirrors' `sync:…` command as its argument. */
  eatsCommand?: SshOption;
  /** Words that are not options: ssh already has the host, so the first one starts the remote command. */
  strays: SshToken[];
  /**
   * The first word starting with `#`: a trailing comment to the writer. runmirrors does not know
   * comments here, but what it does with one is harmless (`local` drops it, or ftpsync ignores it as
   * an unknown word of the remote command), so rules look only at the words before it.
   */
  comment?: SshToken;
}

/** The tokens before a trailing `# comment` (all of them when there is none). */
export function beforeComment<T extends { start: number }>(
  tokens: readonly T[],
  analysis: Pick<SshOptionsAnalysis, 'comment'>,
): T[] {
  const comment = analysis.comment;
  return comment ? tokens.filter((t) => t.start < comment.start) : [...tokens];
}

export function splitWords(field: Field): SshToken[] {
  const words: SshToken[] = [];
  const re = /[^ \t]+/g;
  for (let m = re.exec(field.value); m; m = re.exec(field.value)) {
    // Offsets in the field value map 1:1 to the document unless backslashes were removed; clamp then.
    const start = Math.min(field.start + m.index, field.end);
    words.push({ value: m[0], start, end: Math.min(start + m[0].length, field.end) });
  }
  return words;
}

/** Simulates `${SSHOPT/ /#}`, the re-split by `local`, and `${SSHOPTS/\#/ }`. */
export function keptText(rest: string): { kept: string; keptWords: number } {
  const hashed = rest.replace(' ', '#');
  const words = hashed.split(/[ \t\n]+/).filter((w) => w !== '');
  const kept = (words[0] ?? '').replace('#', ' ');
  return { kept, keptWords: kept.split(/[ \t]+/).filter((w) => w !== '').length };
}

export function analyzeSshOptions(rest: Field): SshOptionsAnalysis {
  const words = splitWords(rest);
  const { keptWords } = keptText(rest.value);
  const kept = words.slice(0, keptWords);
  const dropped = words.slice(keptWords);
  const options: SshOption[] = [];
  const unknown: SshToken[] = [];
  const strays: SshToken[] = [];
  let eatsCommand: SshOption | undefined;
  for (let i = 0; i < kept.length; i++) {
    const token = kept[i];
    if (!token.value.startsWith('-') || token.value === '-') {
      strays.push(token);
      continue;
    }
    // A word may bundle flags (`-4v`) and end in one that takes an argument (`-vp22`).
    for (let j = 1; j < token.value.length; j++) {
      const flag = token.value[j];
      if (SSH_ARG_FLAGS.has(flag)) {
        const attached = token.value.slice(j + 1);
        if (attached) {
          options.push({
            flag,
            token,
            arg: { value: attached, start: Math.min(token.start + j + 1, token.end), end: token.end },
          });
        } else if (i + 1 < kept.length) {
          options.push({ flag, token, arg: kept[++i] });
        } else {
          const option = { flag, token };
          options.push(option);
          eatsCommand = option;
        }
        break;
      }
      if (SSH_BOOL_FLAGS.has(flag)) {
        options.push({ flag, token });
      } else {
        unknown.push(token);
        break;
      }
    }
  }
  const comment = words.find((w) => w.value.startsWith('#'));
  return {
    words,
    kept,
    dropped,
    options,
    unknown,
    strays,
    ...(eatsCommand ? { eatsCommand } : {}),
    ...(comment ? { comment } : {}),
  };
}

/** `-o Key=Value` / `-oKey value` pairs among the options, keys lower-cased. */
export function configOptions(options: readonly SshOption[]): { key: string; value: string; option: SshOption }[] {
  const found: { key: string; value: string; option: SshOption }[] = [];
  for (const option of options) {
    if (option.flag !== 'o' || !option.arg) continue;
    const m = /^([A-Za-z]+)(?:\s*=\s*|\s+)?(.*)$/.exec(option.arg.value);
    if (m) found.push({ key: m[1].toLowerCase(), value: m[2], option });
  }
  return found;
}
