import { sameFile, type DaemonReport, type DaemonStarter } from './detect';

// The daemon report in words, for the walkthrough's "start the daemon" step, the log and tests.

export interface DaemonSummary {
  /** One line: who starts the daemon and whether it reads the config being edited. */
  headline: string;
  /** One line per starter and note. */
  details: string[];
  /** The active starters' configs include the edited file (undefined when no file is being edited or nothing starts). */
  readsEdited?: boolean;
}

const where = (s: DaemonStarter) => (s.line ? `${s.file}, line ${s.line}` : s.file);
const port = (s: DaemonStarter) => (s.port !== undefined ? ` on port ${s.port}` : '');

export function describeDaemonStart(report: DaemonReport, editedConfig?: string, root = '/'): DaemonSummary {
  const active = report.starters.filter((s) => s.active);
  const details = [
    ...report.starters.map(
      (s) =>
        `${s.active ? '✓' : '✗'} ${s.label} (${where(s)})${port(s)}: ${s.why}; ${s.active ? 'reads' : 'would read'} ${s.config}.`,
    ),
    ...report.notes,
  ];
  if (!active.length) {
    const known = report.starters.length
      ? `Nothing on this host starts the rsync daemon now (${report.starters.map((s) => `${s.label}: ${s.why}`).join('; ')}).`
      : 'Nothing on this host starts the rsync daemon: no inetd or xinetd line, no rsync.service or rsync.socket, no init script.';
    return { headline: known, details };
  }
  const reads = active.map((s) => s.config);
  const readsEdited = editedConfig ? reads.some((c) => sameFile(root, c, editedConfig)) : undefined;
  const who = active.map((s) => `${s.label} (${where(s)})${port(s)}`).join(' and ');
  const configs = [...new Set(reads)].join(' and ');
  const verdict =
    readsEdited === undefined
      ? ''
      : readsEdited
        ? ' That is the file you are editing.'
        : ` Not the file you are editing (${editedConfig}): changes there do not reach the daemon.`;
  return {
    headline: `${who} ${active.length > 1 ? 'start' : 'starts'} the rsync daemon, which reads ${configs}.${verdict}`,
    details,
    readsEdited,
  };
}
