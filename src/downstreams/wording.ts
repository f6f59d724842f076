// Words the signal commands show, kept apart from the dialogs so unit tests check them without an
// editor. No `vscode` import here.

/** `a, b and c`; after `max` names, `a, b, … and 5 more`. */
export function nameList(names: readonly string[], max = 10): string {
  if (names.length <= 1) return names.join('');
  if (names.length > max) return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface ManySignals {
  /** What the user asked for: `all` (Signal All Downstreams) or `staged` (Staged Push). */
  action: 'all' | 'staged';
  /** The list's name as the view shows it, e.g. `runmirrors.mirror`. */
  list: string;
  /** ShortNames of the downstreams that would be signalled, in list order. */
  names: readonly string[];
  /** The setting that turns the question off. */
  setting: string;
}

/** The modal's question, its detail and its confirm button for signalling every downstream of a list. */
export function manySignalsQuestion(m: ManySignals): { message: string; detail: string; confirm: string } {
  const count = plural(m.names.length, 'downstream');
  const verb = m.action === 'staged' ? 'Staged push to' : 'Signal';
  return {
    message: `${verb} ${count} of ${m.list}?`,
    detail: [
      `${m.names.length === 1 ? 'It is' : 'They are'} ${nameList(m.names)}.`,
      m.action === 'staged'
        ? 'Staged and mhop downstreams get stage1, then stage2 once they all finished stage1; the others sync at once.'
        : 'Each downstream starts a sync when it gets the signal.',
      `Turn the setting ${m.setting} off to signal without this question.`,
    ].join('\n\n'),
    confirm: m.action === 'staged' ? `Staged Push to ${count}` : `Signal ${count}`,
  };
}

/** The part of a watch's outcome worth a notification: who landed and how fast, who did not. */
export interface LandingOutcome {
  name: string;
  state: string;
  propagationMs?: number;
  causes?: readonly string[];
}

const secondsOf = (ms: number | undefined) => `${Math.max(1, Math.round((ms ?? 0) / 1000))} s`;

/**
 * "good synced in 3 s", "2 synced (the slowest in 40 s); never synced: broken": the end of a watched
 * push in one line, and whether a watched downstream failed to land (never synced, or could not be
 * told; a wait the user cancelled is no failure). Undefined when none was watched (no trace URL or
 * log), so a push without them reads as before.
 */
export function landingSummary(outcomes: readonly LandingOutcome[]): { text: string; failed: boolean } | undefined {
  const watched = outcomes.filter((u) => u.state !== 'unwatched' && u.state !== 'not-signalled');
  if (!watched.length) return undefined;
  const done = watched.filter((u) => u.state === 'done');
  const parts: string[] = [];
  if (done.length === 1) parts.push(`${done[0]!.name} synced in ${secondsOf(done[0]!.propagationMs)}`);
  else if (done.length > 1)
    parts.push(
      `${done.length} synced (the slowest in ${secondsOf(Math.max(...done.map((u) => u.propagationMs ?? 0)))})`,
    );
  for (const [state, words] of [
    ['never-synced', 'never synced'],
    ['unknown', 'outcome unknown'],
    ['cancelled', 'wait cancelled'],
  ] as const) {
    const names = watched.filter((u) => u.state === state).map((u) => u.name);
    if (names.length) parts.push(`${words}: ${nameList(names, 5)}`);
  }
  return { text: parts.join('; '), failed: watched.some((u) => u.state === 'never-synced' || u.state === 'unknown') };
}

/** The progress notification's line while a push is watched: "good syncing · broken never synced". */
export function watchProgress(updates: readonly LandingOutcome[]): string {
  const words: Record<string, string> = {
    waiting: 'reading its trace',
    signalled: 'signalled',
    syncing: 'syncing',
    'never-synced': 'never synced',
    unknown: 'outcome unknown',
    cancelled: 'wait cancelled',
  };
  const shown = updates
    .filter((u) => u.state !== 'unwatched' && u.state !== 'not-signalled')
    .map(
      (u) =>
        `${u.name} ${u.state === 'done' ? `synced in ${secondsOf(u.propagationMs)}` : (words[u.state] ?? u.state)}`,
    );
  return shown.length > 4 ? `${shown.slice(0, 4).join(' · ')} · ${shown.length - 4} more` : shown.join(' · ');
}
