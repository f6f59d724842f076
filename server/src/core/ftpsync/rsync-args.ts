import { OPTION_FILTER_CONTEXT, parseFilterString, type FilterError, type FilterRule } from '../rsync-filter/parse';

// The words of ftpsync's RSYNC_EXTRA, RSYNC_OPTIONS*, EXCLUDE as rsync 3.5.0's option parser (popt,
// options.c) reads them once ftpsync word-splits `${VAR}`: long options with `=value` or a separate
// value, bundles of short options (`-prltvHSB8192`), and the filter rules among them.

/** Long options that take a value (options.c's POPT_ARG_STRING/INT entries). */
const LONG_WITH_VALUE = new Set(
  (
    'info debug stderr modify-window confine-root chmod max-size min-size max-alloc max-delete filter exclude include ' +
    'exclude-from include-from checksum-choice cc block-size compare-dest copy-dest link-dest compress-choice zc ' +
    'skip-compress compress-level zl compress-threads zt partial-dir log-file log-file-format out-format log-format ' +
    'bwlimit backup-dir suffix read-batch write-batch only-write-batch files-from usermap groupmap chown timeout ' +
    'contimeout stop-after time-limit stop-at rsh rsync-path temp-dir iconv copy-as address port sockopts password-file ' +
    'early-input outbuf remote-option protocol checksum-seed config dparam'
  ).split(' '),
);
/** Short options that take a value, and the long option each stands for. */
const SHORT_WITH_VALUE: Readonly<Record<string, string>> = {
  '@': 'modify-window',
  f: 'filter',
  B: 'block-size',
  e: 'rsh',
  T: 'temp-dir',
  M: 'remote-option',
};
/** Short flags ftpsync's defaults rely on, by their long names. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  r: 'recursive',
  l: 'links',
  p: 'perms',
  t: 'times',
  H: 'hard-links',
  S: 'sparse',
  v: 'verbose',
  a: 'archive',
  D: 'devices',
  g: 'group',
  o: 'owner',
  z: 'compress',
  n: 'dry-run',
  C: 'cvs-exclude',
  F: 'F',
};

export interface RsyncOption {
  /** Long name (`safe-links`, `filter`); a short option is given its long name when it has one. */
  name: string;
  value?: string;
  /** Offsets in the variable's value: the option word, and its value. */
  index: number;
  end: number;
  valueIndex?: number;
}

export interface RsyncWords {
  options: RsyncOption[];
  /** Words that are no option and no option's value: rsync takes them as file arguments. */
  bare: { word: string; index: number }[];
}

export function rsyncWords(value: string): RsyncWords {
  const list: { word: string; index: number }[] = [];
  const re = /[^ \t\n]+/g;
  for (let m = re.exec(value); m; m = re.exec(value)) list.push({ word: m[0], index: m.index });
  const options: RsyncOption[] = [];
  const bare: { word: string; index: number }[] = [];
  for (let i = 0; i < list.length; i++) {
    const { word, index } = list[i];
    if (word.startsWith('--') && word.length > 2) {
      const eq = word.indexOf('=');
      const name = word.slice(2, eq < 0 ? undefined : eq);
      if (eq >= 0)
        options.push({ name, value: word.slice(eq + 1), index, end: index + word.length, valueIndex: index + eq + 1 });
      else if (LONG_WITH_VALUE.has(name) && list[i + 1]) {
        const next = list[++i];
        options.push({ name, value: next.word, index, end: next.index + next.word.length, valueIndex: next.index });
      } else options.push({ name, index, end: index + word.length });
    } else if (word.startsWith('-') && word.length > 1) {
      for (let k = 1; k < word.length; k++) {
        const letter = word[k];
        const long = SHORT_WITH_VALUE[letter];
        if (long) {
          const rest = word.slice(k + 1);
          if (rest)
            options.push({ name: long, value: rest, index, end: index + word.length, valueIndex: index + k + 1 });
          else if (list[i + 1]) {
            const next = list[++i];
            options.push({
              name: long,
              value: next.word,
              index,
              end: next.index + next.word.length,
              valueIndex: next.index,
            });
          } else options.push({ name: long, index, end: index + word.length });
          break;
        }
        options.push({ name: SHORT_NAMES[letter] ?? letter, index, end: index + word.length });
      }
    } else bare.push({ word, index });
  }
  return { options, bare };
}

export interface FilterOption {
  option: RsyncOption;
  rules: FilterRule[];
  error?: FilterError;
}

/** The filter rules given by `--filter`/`-f`, `--exclude`, `--include`, each parsed as rsync does. */
export function filterOptions(words: RsyncWords): FilterOption[] {
  const out: FilterOption[] = [];
  for (const option of words.options) {
    if (option.value === undefined) continue;
    const context =
      option.name === 'filter' || option.name === 'exclude' || option.name === 'include'
        ? OPTION_FILTER_CONTEXT[option.name]
        : undefined;
    if (!context) continue;
    const parsed = parseFilterString(option.value, context);
    out.push({ option, rules: parsed.rules, ...(parsed.error ? { error: parsed.error } : {}) });
  }
  return out;
}

/** Whether the options set `name` (by its long name or `--archive` for the flags it implies). */
export function hasOption(words: RsyncWords, name: string): boolean {
  const implied = ['recursive', 'links', 'perms', 'times', 'group', 'owner', 'devices'];
  return words.options.some((o) => o.name === name || (o.name === 'archive' && implied.includes(name)));
}
