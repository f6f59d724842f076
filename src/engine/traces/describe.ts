import { english, type Translate } from '../l10n';
import type { PropagationUpdate } from './watch';

// One line per downstream outcome, for the CLI (English) and for a tree row's tooltip (through `t`).

/** "propagated in 1.6 s (serial …, its sync took 1 s)", or what went wrong with its causes. */
export function describeOutcome(u: PropagationUpdate, t: Translate = english): string {
  const causes = (u.causes ?? []).join('; ');
  switch (u.state) {
    case 'done': {
      const extra = [
        u.serial ? t('serial {0}', u.serial) : undefined,
        u.syncMs !== undefined ? t('its sync took {0} s', Math.round(u.syncMs / 1000)) : undefined,
        u.joinedRunningSync ? t('joined the sync already running') : undefined,
      ].filter(Boolean);
      const took = ((u.propagationMs ?? 0) / 1000).toFixed(1);
      return extra.length ? t('propagated in {0} s ({1})', took, extra.join(', ')) : t('propagated in {0} s', took);
    }
    case 'never-synced':
      return t('signalled, never synced: {0}', causes);
    case 'not-signalled':
      return t('not signalled: {0}', causes);
    case 'unknown':
      return t('unknown: {0}', causes);
    case 'unwatched':
      return t('unwatched: {0}', causes);
    default:
      return u.state;
  }
}
