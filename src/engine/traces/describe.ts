import type { PropagationUpdate } from './watch';

// One line per downstream outcome, for the CLI and for a tree row's tooltip alike.

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** "propagated in 1.6 s (serial …, its sync took 1 s)", or what went wrong with its causes. */
export function describeOutcome(u: PropagationUpdate): string {
  switch (u.state) {
    case 'done': {
      const extra = [
        u.serial ? `serial ${u.serial}` : undefined,
        u.syncMs !== undefined ? `its sync took ${Math.round(u.syncMs / 1000)} s` : undefined,
        u.joinedRunningSync ? 'joined the sync already running' : undefined,
      ].filter(Boolean);
      return `propagated in ${seconds(u.propagationMs ?? 0)}${extra.length ? ` (${extra.join(', ')})` : ''}`;
    }
    case 'never-synced':
      return `signalled, never synced: ${(u.causes ?? []).join('; ')}`;
    case 'not-signalled':
      return `not signalled: ${(u.causes ?? []).join('; ')}`;
    case 'unknown':
    case 'unwatched':
      return `${u.state}: ${(u.causes ?? []).join('; ')}`;
    default:
      return u.state;
  }
}
