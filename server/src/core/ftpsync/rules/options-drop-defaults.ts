import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { filterOptions, hasOption, type RsyncWords } from '../rsync-args';
import { optionSettings } from './options-util';
import { valueSpanOf } from './util';

/** What each of ftpsync's default options protects, per variable. */
const NEEDED: Readonly<Record<string, readonly { has: (w: RsyncWords) => boolean; what: string; why: string }[]>> = {
  RSYNC_OPTIONS: [
    {
      has: (w) => hasOption(w, 'safe-links'),
      what: '--safe-links',
      why: 'the CVE-2017-8805 fix: without it an upstream can place symlinks that point outside TO (observed: a link to /etc/hostname landed in the mirror)',
    },
    { has: (w) => hasOption(w, 'recursive'), what: '-r', why: 'without it nothing below the top directory is copied' },
    { has: (w) => hasOption(w, 'links'), what: '-l', why: 'symlinks such as dists/stable are skipped' },
    {
      has: (w) => hasOption(w, 'times'),
      what: '-t',
      why: 'without times every file is compared and rewritten on each run',
    },
    {
      has: (w) => hasOption(w, 'hard-links'),
      what: '-H',
      why: 'hard-linked files (dists/*/by-hash) are stored and sent again',
    },
    {
      has: (w) => hasOption(w, 'timeout'),
      what: '--timeout',
      why: 'a stalled upstream hangs the run, and its lock, for good',
    },
  ],
  RSYNC_OPTIONS1: [
    {
      has: (w) => excludes(w, 'Packages'),
      what: '--exclude=Packages*',
      why: 'the first pass must not bring new indices before the packages they list',
    },
    {
      has: (w) => excludes(w, 'Release'),
      what: '--exclude=Release*',
      why: 'a new Release file in the first pass points clients at files not there yet',
    },
    {
      has: (w) => !hasOption(w, 'delete') && !hasOption(w, 'delete-after') && !hasOption(w, 'delete-delay'),
      what: 'no --delete',
      why: 'the first pass must not delete files the old indices still list',
    },
  ],
  RSYNC_OPTIONS2: [
    {
      has: (w) =>
        ['delete', 'delete-after', 'delete-delay', 'delete-during', 'delete-before'].some((n) => hasOption(w, n)),
      what: '--delete',
      why: 'files removed upstream are never removed here, and the disk fills',
    },
    {
      has: (w) => hasOption(w, 'delay-updates'),
      what: '--delay-updates',
      why: 'indices are replaced one by one while clients read them',
    },
    {
      has: (w) => hasOption(w, 'max-delete'),
      what: '--max-delete',
      why: 'nothing limits a run that would delete the whole mirror',
    },
  ],
};

function excludes(words: RsyncWords, index: string): boolean {
  return filterOptions(words).some((f) => f.rules.some((r) => r.action === 'exclude' && r.pattern.startsWith(index)));
}

export const optionsDropDefaults = defineRule<FtpsyncDoc>({
  code: 'ftpsync/options-drop-defaults',
  severity: 'warning',
  summary:
    "RSYNC_OPTIONS, RSYNC_OPTIONS1 or RSYNC_OPTIONS2 set without what ftpsync's default has (`--safe-links`, `-H`, `--timeout`, `--delete`…).",
  docs: [
    'Setting one of these replaces ftpsync\'s default as a whole ("BE VERY CAREFUL WHEN YOU CHANGE THIS OPTION, BETTER',
    'DON\'T!"). Old samples carry RSYNC_OPTIONS without `--safe-links`, the fix for CVE-2017-8805 (ftpsync 20171017): with the',
    "option left out, an upstream's symlink to /etc/hostname was copied into the mirror (observed with the real ftpsync and",
    'rsync 3.5.0). Each message names the options missing and what they protect. Prefer RSYNC_EXTRA for additions; it keeps',
    'the defaults.',
  ],
  check(doc, report) {
    for (const setting of optionSettings(doc)) {
      const needed = NEEDED[setting.name];
      if (!needed) continue;
      const missing = needed.filter((n) => !n.has(setting.words));
      if (!missing.length) continue;
      report(
        valueSpanOf(setting.assignment),
        `${setting.name} replaces ftpsync's default, and this one ${missing.map((m) => (m.what.startsWith('no ') ? `has ${m.what.slice(3)} (${m.why})` : `lacks ${m.what} (${m.why})`)).join('; ')}. Put additions in RSYNC_EXTRA instead.`,
      );
    }
  },
});
