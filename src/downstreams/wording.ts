// Words the signal commands show, kept apart from the dialogs so unit tests check them without an
// editor. No `vscode` import here: the commands hand in `vscode.l10n.t` (engine/l10n.ts).
import { english, type Translate } from '../engine/l10n';

/** `a, b and c`; after `max` names, `a, b, … and 5 more`. */
export function nameList(names: readonly string[], max = 10, t: Translate = english): string {
  if (names.length <= 1) return names.join('');
  if (names.length > max) return t('{0} and {1} more', names.slice(0, max).join(', '), names.length - max);
  return t('{0} and {1}', names.slice(0, -1).join(', '), names[names.length - 1]!);
}

/** "1 downstream", "3 downstreams". */
export const downstreamCount = (n: number, t: Translate = english): string =>
  n === 1 ? t('1 downstream') : t('{0} downstreams', n);

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
export function manySignalsQuestion(
  m: ManySignals,
  t: Translate = english,
): { message: string; detail: string; confirm: string } {
  const count = downstreamCount(m.names.length, t);
  const names = nameList(m.names, undefined, t);
  return {
    message:
      m.action === 'staged' ? t('Staged push to {0} of {1}?', count, m.list) : t('Signal {0} of {1}?', count, m.list),
    detail: [
      m.names.length === 1 ? t('It is {0}.', names) : t('They are {0}.', names),
      m.action === 'staged'
        ? t(
            'Staged and mhop downstreams get stage1, then stage2 once they all finished stage1; the others sync at once.',
          )
        : t('Each downstream starts a sync when it gets the signal.'),
      t('Turn the setting {0} off to signal without this question.', m.setting),
    ].join('\n\n'),
    confirm: m.action === 'staged' ? t('Staged Push to {0}', count) : t('Signal {0}', count),
  };
}

/** The part of a watch's outcome worth a notification: who landed and how fast, who did not. */
export interface LandingOutcome {
  name: string;
  state: string;
  propagationMs?: number;
  causes?: readonly string[];
}

const secondsOf = (ms: number | undefined) => Math.max(1, Math.round((ms ?? 0) / 1000));

/** A watch's state in words: "syncing", "never synced"; undefined for a state that is no news. */
function stateWords(state: string, t: Translate): string | undefined {
  switch (state) {
    case 'waiting':
      return t('reading its trace');
    case 'signalled':
      return t('signalled');
    case 'syncing':
      return t('syncing');
    case 'never-synced':
      return t('never synced');
    case 'unknown':
      return t('outcome unknown');
    case 'cancelled':
      return t('wait cancelled');
    default:
      return undefined;
  }
}

/**
 * "good synced in 3 s", "2 synced (the slowest in 40 s); never synced: broken": the end of a watched
 * push in one line, and whether a watched downstream failed to land (never synced, or could not be
 * told; a wait the user cancelled is no failure). Undefined when none was watched (no trace URL or
 * log), so a push without them reads as before.
 */
export function landingSummary(
  outcomes: readonly LandingOutcome[],
  t: Translate = english,
): { text: string; failed: boolean } | undefined {
  const watched = outcomes.filter((u) => u.state !== 'unwatched' && u.state !== 'not-signalled');
  if (!watched.length) return undefined;
  const done = watched.filter((u) => u.state === 'done');
  const parts: string[] = [];
  if (done.length === 1) parts.push(t('{0} synced in {1} s', done[0]!.name, secondsOf(done[0]!.propagationMs)));
  else if (done.length > 1)
    parts.push(
      t(
        '{0} synced (the slowest in {1} s)',
        done.length,
        secondsOf(Math.max(...done.map((u) => u.propagationMs ?? 0))),
      ),
    );
  for (const state of ['never-synced', 'unknown', 'cancelled']) {
    const names = watched.filter((u) => u.state === state).map((u) => u.name);
    if (names.length) parts.push(`${stateWords(state, t)!}: ${nameList(names, 5, t)}`);
  }
  return { text: parts.join('; '), failed: watched.some((u) => u.state === 'never-synced' || u.state === 'unknown') };
}

/** The progress notification's line while a push is watched: "good syncing · broken never synced". */
export function watchProgress(updates: readonly LandingOutcome[], t: Translate = english): string {
  const shown = updates
    .filter((u) => u.state !== 'unwatched' && u.state !== 'not-signalled')
    .map((u) =>
      u.state === 'done'
        ? t('{0} synced in {1} s', u.name, secondsOf(u.propagationMs))
        : `${u.name} ${stateWords(u.state, t) ?? u.state}`,
    );
  return shown.length > 4 ? `${shown.slice(0, 4).join(' · ')} · ${t('{0} more', shown.length - 4)}` : shown.join(' · ');
}
