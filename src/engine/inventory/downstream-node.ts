import { english, type Translate } from '../l10n';
import { typeLabel } from './grouping';
import type { DownstreamNode, ModelInput } from './nodes';
import type { PushStatus } from './status';
import { formatAge } from './trace';

// A downstream's row in the Downstreams tree: its latest status (runmirrors' log or our own signal),
// the description and tooltip that say it, and its icon.

/** The last part of a path, with `/` or `\` between parts. */
export function basename(path: string): string {
  return path.replace(/\\/g, '/').split('/').pop() ?? path;
}

/** The newer of two statuses (one without a time counts as oldest). */
function latest(a: PushStatus | undefined, b: PushStatus | undefined): PushStatus | undefined {
  if (!a) return b;
  if (!b) return a;
  return (b.time ?? 0) > (a.time ?? 0) ? b : a;
}

function describeStatus(status: PushStatus | undefined, now: number, t: Translate): string {
  if (!status) return t('never pushed');
  if (status.time === undefined) {
    const what = {
      ok: t('pushed'),
      failed: t('push failed'),
      skipped: t('skipped'),
      sent: t('sent'),
      unknown: t('unknown'),
    };
    return what[status.result];
  }
  const age = formatAge(now - status.time);
  const when = {
    ok: t('pushed {0} ago', age),
    failed: t('push failed {0} ago', age),
    skipped: t('skipped {0} ago', age),
    sent: t('sent {0} ago', age),
    unknown: t('unknown {0} ago', age),
  };
  return when[status.result];
}

/** The downstream node: `base` with its status from `input`, described; `extra` are more tooltip paragraphs. */
export function describeDownstream(
  base: Omit<DownstreamNode, 'description' | 'tooltip' | 'icon' | 'status'>,
  input: ModelInput,
  runmirrorsStatus: PushStatus | undefined,
  extra: string[],
): DownstreamNode {
  const t = input.t ?? english;
  const status = latest(runmirrorsStatus, input.signals?.get(base.name));
  const where = [base.user, base.host].filter(Boolean).join('@');
  const said = describeStatus(status, input.now, t);
  const parts = [where, said];
  const icon: DownstreamNode['icon'] =
    base.type === 'none'
      ? 'warning'
      : status?.result === 'failed'
        ? 'failed'
        : status?.result === 'ok'
          ? 'ok'
          : status?.result === 'sent'
            ? 'sent'
            : status?.result === 'skipped'
              ? 'warning'
              : 'unknown';
  const whence = status?.source === 'signal' ? t('our signal') : t("runmirrors' log");
  const tooltip = [
    `**${base.label}** (${base.name}) — ${typeLabel(base.type, t)}`,
    where ? t('Host: {0}', `\`${where}\``) : '',
    status
      ? status.detail
        ? t('Last push: {0} — {1} ({2})', said, status.detail, whence)
        : t('Last push: {0} ({1})', said, whence)
      : t('No push recorded'),
    ...extra,
    t('Defined in {0} line {1}', `\`${basename(base.definition.path)}\``, base.definition.line + 1),
  ].filter(Boolean);
  return {
    ...base,
    description: parts.filter(Boolean).join(' · '),
    tooltip: tooltip.join('\n\n'),
    icon,
    ...(status ? { status } : {}),
  };
}
