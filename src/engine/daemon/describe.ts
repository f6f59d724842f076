import { english, type Translate } from '../l10n';
import { sameFile, type DaemonReport, type DaemonStarter } from './detect';

// The daemon report in words, for the walkthrough's "start the daemon" step, the log and tests. The
// headline is shown to the user (through `t`); the details go to the log, in English. A starter's
// label and reason are detect.ts's own.

export interface DaemonSummary {
  /** One line: who starts the daemon and whether it reads the config being edited. */
  headline: string;
  /** One line per starter and note. */
  details: string[];
  /** The active starters' configs include the edited file (undefined when no file is being edited or nothing starts). */
  readsEdited?: boolean;
}

/** `inetd (/etc/inetd.conf, line 3) on port 873`. */
function starter(s: DaemonStarter, t: Translate): string {
  const where = s.line ? t('{0}, line {1}', s.file, s.line) : s.file;
  return s.port !== undefined ? t('{0} ({1}) on port {2}', s.label, where, s.port) : `${s.label} (${where})`;
}

/** `a and b and c`. */
const and = (items: readonly string[], t: Translate): string =>
  items.reduce((list, item) => (list ? t('{0} and {1}', list, item) : item), '');

export function describeDaemonStart(
  report: DaemonReport,
  editedConfig?: string,
  root = '/',
  t: Translate = english,
): DaemonSummary {
  const active = report.starters.filter((s) => s.active);
  const details = [
    ...report.starters.map(
      (s) =>
        `${s.active ? '✓' : '✗'} ${starter(s, english)}: ${s.why}; ${s.active ? 'reads' : 'would read'} ${s.config}.`,
    ),
    ...report.notes,
  ];
  if (!active.length) {
    const known = report.starters.length
      ? t(
          'Nothing on this host starts the rsync daemon now ({0}).',
          report.starters.map((s) => `${s.label}: ${s.why}`).join('; '),
        )
      : t(
          'Nothing on this host starts the rsync daemon: no inetd or xinetd line, no rsync.service or rsync.socket, no init script.',
        );
    return { headline: known, details };
  }
  const reads = active.map((s) => s.config);
  const readsEdited = editedConfig ? reads.some((c) => sameFile(root, c, editedConfig)) : undefined;
  const who = and(
    active.map((s) => starter(s, t)),
    t,
  );
  const configs = and([...new Set(reads)], t);
  const starts =
    active.length > 1
      ? t('{0} start the rsync daemon, which reads {1}.', who, configs)
      : t('{0} starts the rsync daemon, which reads {1}.', who, configs);
  const verdict =
    readsEdited === undefined
      ? ''
      : readsEdited
        ? ` ${t('That is the file you are editing.')}`
        : ` ${t('Not the file you are editing ({0}): changes there do not reach the daemon.', editedConfig!)}`;
  return { headline: `${starts}${verdict}`, details, readsEdited };
}
