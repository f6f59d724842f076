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
