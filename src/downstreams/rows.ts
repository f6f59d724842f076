import { bandMeaning, formatDuration } from '../../server/src/core/trace/checker';
import type { Verdict } from '../../server/src/core/trace/freshness';
import type { DownstreamNode } from '../engine/inventory/model';
import { describeOutcome } from '../engine/traces/describe';
import { english, type Translate } from '../engine/l10n';
import type { PropagationUpdate } from '../engine/traces/watch';
import { mdText } from './markdown';

// What a downstream row shows on top of the pushes the model knows (runmirrors' logs, our signals):
// its freshness judged as Debian's mirror checker judges it (a Verdict from engine/traces/status.ts),
// and how the last push from this window went (signalled → syncing → "synced in N s", or "never
// synced" with the likely causes). Pure, no `vscode` import: the tree only maps the icon to a codicon;
// the words come through `t` (engine/l10n.ts).

/** The row's icon, from the most telling of: the push being watched, a push failure, the checker's bands. */
export type RowIcon =
  | 'ok' // done, or the checker's bands 0–1 (under 11 h)
  | 'okish' // band 2 (11–16 h)
  | 'warn' // bands 3–5 (16 h – 3 d), or a WARNING finding
  | 'error' // band 6 and older, or CRITICAL (trace unavailable, invalid)
  | 'sent' // signalled, no sign of a sync yet
  | 'syncing'
  | 'failed' // the push failed or never synced
  | 'warning' // not pushed by runmirrors, or skipped
  | 'unknown';

export interface RowView {
  description: string;
  /** Markdown. */
  tooltip: string;
  icon: RowIcon;
}

export interface RowInput {
  node: DownstreamNode;
  /** Its trace judged against this mirror's master trace; absent until read (or without a traceUrl). */
  verdict?: Verdict;
  /** The latest update of a push from this window that watched it. */
  propagation?: PropagationUpdate;
}

/** "current", "≥ 3 h behind", "updated 2 h ago", "trace unavailable": the checker's view in a few words. */
export function freshnessWords(v: Verdict, t: Translate = english): string {
  if (v.checkerError === 'sitetrace unavailable') return t('trace unavailable');
  if (v.checkerError) return v.checkerError.toLowerCase();
  if (v.lagMs !== undefined) {
    if (v.lagMs === 0) return v.ahead ? t('ahead of this mirror') : t('current');
    return v.lagIsLowerBound ? t('≥ {0} behind', formatDuration(v.lagMs)) : t('{0} behind', formatDuration(v.lagMs));
  }
  return v.ageMs !== undefined ? t('updated {0} ago', formatDuration(v.ageMs)) : v.summary;
}

/**
 * The row's words for a watched push's outcome. While it is in flight (signalled, syncing) the words
 * stay what the logs say and the icon and tooltip show the progress: a window reload ends the watch,
 * and the row must say after a reload what it said before (issue 12), so only outcomes are words.
 */
export function propagationWords(u: PropagationUpdate, t: Translate = english): string | undefined {
  switch (u.state) {
    case 'done':
      return t('synced in {0} s', Math.max(1, Math.round((u.propagationMs ?? 0) / 1000)));
    case 'never-synced':
      return t('never synced');
    case 'unknown':
      return t('outcome unknown');
    case 'cancelled':
      return t('wait cancelled');
    // waiting, signalled, syncing (in flight); unwatched (no trace or log); not-signalled (the push status says "push failed").
    default:
      return undefined;
  }
}

/** The icon for a verdict alone: CRITICAL, WARNING, else the checker's colour band. */
export function freshnessIcon(v: Verdict): RowIcon {
  if (v.state === 'CRITICAL') return 'error';
  if (v.state === 'WARNING') return 'warn';
  const band = v.lagBand ?? v.ageBand;
  if (band !== undefined) return bandMeaning(band);
  return v.state === 'UNKNOWN' ? 'unknown' : 'ok';
}

function propagationIcon(u: PropagationUpdate): RowIcon | undefined {
  switch (u.state) {
    case 'signalled':
      return 'sent';
    case 'syncing':
      return 'syncing';
    case 'done':
      return 'ok';
    case 'never-synced':
    case 'not-signalled':
      return 'failed';
    case 'unknown':
      return 'warning';
    default:
      return undefined;
  }
}

/** The tooltip section for a verdict: its summary, lag or age and band, and every finding. */
export function freshnessSection(v: Verdict, t: Translate = english): string {
  const lines = [t("**Freshness** (as Debian's mirror checker judges it): {0}", mdText(v.summary))];
  const facts: string[] = [];
  if (v.lagMs !== undefined) {
    const band = `age${v.lagBand ?? '?'}: ${bandMeaning(v.lagBand ?? 0)}`;
    facts.push(
      v.lagIsLowerBound
        ? t('lag at least {0} (band {1})', formatDuration(v.lagMs), band)
        : t('lag {0} (band {1})', formatDuration(v.lagMs), band),
    );
  } else if (v.ageMs !== undefined)
    facts.push(
      t(
        'no master trace to judge lag: last update {0} ago (band {1})',
        formatDuration(v.ageMs),
        `age${v.ageBand ?? '?'}: ${bandMeaning(v.ageBand ?? 0)}`,
      ),
    );
  if (v.serial) facts.push(t('archive serial {0}', mdText(v.serial)));
  if (v.syncMs !== undefined) facts.push(t('its last sync took {0}', formatDuration(v.syncMs)));
  if (v.ftpsyncVersion) facts.push(`ftpsync ${mdText(v.ftpsyncVersion)}`);
  if (v.upstreamMirror) facts.push(`Upstream-mirror ${mdText(v.upstreamMirror)}`);
  if (v.scoreAdjustment !== undefined)
    facts.push(t("the checker's score for this check: {0}", `${v.scoreAdjustment > 0 ? '+' : ''}${v.scoreAdjustment}`));
  for (const f of v.findings) facts.push(`${f.state === 'OK' ? '' : `${f.state}: `}${mdText(f.message)}`);
  if (facts.length) lines.push(facts.map((f) => `- ${f}`).join('\n'));
  return lines.join('\n\n');
}

function propagationSection(u: PropagationUpdate, t: Translate): string {
  const causes = u.causes ?? [];
  const headline =
    u.state === 'syncing'
      ? t('syncing ({0})', u.detail ?? '')
      : causes.length > 1
        ? t(
            '{0}; the likely causes, most likely first:',
            u.state === 'never-synced' ? t('signalled, never synced') : u.state,
          )
        : describeOutcome(u, t);
  const lines = [t('**Last push from here**: {0}', mdText(headline))];
  if (causes.length > 1) lines.push(causes.map((c) => `- ${mdText(c)}`).join('\n'));
  if (u.state === 'done' && u.reportedMs !== undefined)
    lines.push(t("its trace's Date says {0} after the signal (its clock)", formatDuration(Math.max(0, u.reportedMs))));
  if (u.source) lines.push(t('Watched: {0}', mdText(u.source)));
  return lines.join('\n\n');
}

/**
 * A push watched from this window stays on the row until a later push is logged (cron's runmirrors,
 * one by hand, or our own next signal): from then on "synced in 3 s" would describe a push that is not
 * the last. The push's own log entry is not later: its `date -u` line has whole seconds.
 */
export function supersededBy(node: DownstreamNode, u: PropagationUpdate): boolean {
  const s = node.status;
  return s?.time !== undefined && s.time >= (u.signalledAt ?? u.at) + 1000;
}

/** The row of one downstream. */
export function downstreamRow(input: RowInput, t: Translate = english): RowView {
  const { node, verdict } = input;
  const propagation = input.propagation && !supersededBy(node, input.propagation) ? input.propagation : undefined;
  const parts = [node.description];
  const said = propagation && propagationWords(propagation, t);
  if (said) parts.push(said);
  if (verdict) parts.push(freshnessWords(verdict, t));
  const pushFailed = node.icon === 'failed' || node.icon === 'warning' ? node.icon : undefined;
  const icon =
    (propagation && propagationIcon(propagation)) ??
    pushFailed ??
    (verdict ? freshnessIcon(verdict) : undefined) ??
    node.icon;
  const sections = [node.tooltip];
  if (propagation && propagation.state !== 'waiting') sections.push(propagationSection(propagation, t));
  if (verdict) sections.push(freshnessSection(verdict, t));
  else if (node.traceUrl) sections.push(t('**Freshness**: not read yet (Refresh reads every trace URL).'));
  return { description: parts.filter(Boolean).join(' · '), tooltip: sections.join('\n\n'), icon };
}
