import * as os from 'node:os';
import type { Verdict } from '../../server/src/core/trace/freshness';
import { freshnessIcon, freshnessSection, freshnessWords, type RowIcon } from '../downstreams/rows';
import { ARCHIVE_CONTEXT } from '../downstreams/contextValues';
import { mdText } from '../downstreams/markdown';
import type { ArchiveStatus, FtpsyncArchive } from '../engine/logs/ftpsync';
import { describeLocks } from '../engine/logs/locks';
import { english, type Translate } from '../engine/l10n';
import { upstreamMasterUrl } from '../engine/traces/local';

// "This Mirror" as plain data: one row per ftpsync archive of this host with its lock state and its
// freshness (its own site trace against the upstream's master trace, judged as Debian's mirror checker
// judges a mirror). No `vscode` import: the view maps the icon to a codicon.

/** The setting's word for "read nothing over the network". */
export const NO_UPSTREAM_MASTER = 'none';

/**
 * Where the upstream's master trace is read: the setting (a URL or a file), else
 * http://RSYNC_HOST/RSYNC_PATH/project/trace/master from the archive's ftpsync.conf, else nowhere.
 */
export function upstreamMasterFor(archive: FtpsyncArchive, settingValue: string): string | undefined {
  const value = settingValue.trim();
  if (value === NO_UPSTREAM_MASTER) return undefined;
  if (value) return value;
  return archive.rsyncHost ? upstreamMasterUrl(archive.rsyncHost, archive.rsyncPath) : undefined;
}

/** The name of the archive's trace and lock files: MIRRORNAME, else `hostname -f` as ftpsync has it. */
export function siteName(archive: FtpsyncArchive, hostname = os.hostname()): string {
  return archive.mirrorName ?? hostname;
}

export interface ArchiveRow {
  label: string;
  description: string;
  tooltip: string;
  icon: RowIcon | 'stale-lock';
  contextValue: string;
}

export interface ArchiveRowInput {
  status: ArchiveStatus;
  verdict?: Verdict;
  /** Where the verdict's master trace came from, for the tooltip. */
  upstreamMaster?: string;
  /** When the verdict was read. */
  checkedAt?: number;
}

export function archiveRow(
  { status: s, verdict, upstreamMaster, checkedAt }: ArchiveRowInput,
  t: Translate = english,
): ArchiveRow {
  const locks = describeLocks(s.locks, t);
  const stale = s.locks.inProgress.some((l) => l.process === 'dead' || l.process === 'reused');
  const syncing = s.locks.inProgress.some((l) => l.process === 'alive' || l.process === 'unknown');
  const icon: ArchiveRow['icon'] = stale
    ? 'stale-lock'
    : syncing
      ? 'syncing'
      : verdict
        ? freshnessIcon(verdict)
        : s.locks.updateRequired.length
          ? 'warn'
          : 'ok';
  const freshness = verdict
    ? [
        freshnessSection(verdict, t),
        upstreamMaster
          ? t("Judged against the upstream's master trace {0}", mdText(upstreamMaster))
          : t(
              'No upstream master trace ({0} unset, or {1} is `none`): the age of this trace is judged instead of its lag.',
              'RSYNC\\_HOST',
              'pushMirror.mirrorStatus.upstreamMaster',
            ),
        checkedAt
          ? t('Checked at {0} UTC; Refresh checks again.', new Date(checkedAt).toISOString().slice(11, 19))
          : '',
      ]
    : [t('**Freshness**: not read yet (Refresh reads it).')];
  return {
    label: s.archive === 'default' ? 'ftpsync' : `ftpsync ${s.archive}`,
    icon,
    description: [locks ?? t('idle'), verdict ? freshnessWords(verdict, t) : undefined].filter(Boolean).join(' · '),
    tooltip: [
      `**${s.archive === 'default' ? 'ftpsync' : `ftpsync-${s.archive}`}** (${mdText(s.config)})`,
      t(
        'Archive root (TO): {0}',
        `\`${s.to}\`${s.mirrorName ? `, MIRRORNAME \`${s.mirrorName}\`` : ''}${s.rsyncHost ? `, RSYNC_HOST \`${s.rsyncHost}\`` : ''}`,
      ),
      locks ?? t('No `Archive-Update-in-Progress` lock: not syncing.'),
      stale
        ? t('A stale lock makes every push log "Unable to start rsync, lock file still exists" until it is removed.')
        : '',
      ...freshness,
    ]
      .filter(Boolean)
      .join('\n\n'),
    contextValue: stale ? ARCHIVE_CONTEXT.staleArchive : ARCHIVE_CONTEXT.archive,
  };
}
