import { defineRule } from '../../rule';
import { effective, finalValue, type FtpsyncDoc } from '../model';
import { quote, valueSpanOf } from './util';

const SYSTEM = new Set([
  '/',
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/lib64',
  '/media',
  '/mnt',
  '/opt',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/srv',
  '/sys',
  '/tmp',
  '/usr',
  '/var',
  '/var/www',
]);

export const dangerousTo = defineRule<FtpsyncDoc>({
  code: 'ftpsync/dangerous-to',
  severity: 'error',
  summary:
    'TO empty, relative, `/`, a system directory or the home directory: the second pass deletes everything else in it.',
  docs: [
    "ftpsync's second pass runs rsync with `--delete --delete-excluded` into TO: whatever the upstream does not have is",
    'deleted, up to 40000 files a run (`--max-delete`). ftpsync.conf(5): "Everything else that might have happened to be',
    'in there WILL BE GONE". TO=`/`, `/srv`, `/var` or the home directory would empty them. An empty TO falls back to',
    '`/srv/mirrors/debian/` without a word; a relative TO depends on the directory ftpsync starts in (HOME for a push).',
  ],
  check(doc, report) {
    const to = effective(doc, 'TO');
    const a = to.assignment;
    if (!a || a.conditional || to.value === undefined) return;
    const v = finalValue(doc, 'TO');
    const value = to.value;
    const span = valueSpanOf(a);
    if (v?.state === 'set' && v.value === '') {
      report(
        span,
        'TO is empty, so ftpsync mirrors into its default /srv/mirrors/debian/ (and deletes anything else there); set it to the mirror directory.',
      );
      return;
    }
    const normalized = value.replace(/\/+$/, '') || '/';
    const home = finalValue(doc, 'HOME');
    if (!value.startsWith('/')) {
      report(
        span,
        `TO=${quote(value)} is relative: it depends on the directory ftpsync starts in, and whatever else is there is deleted by the second pass. Use an absolute path.`,
      );
    } else if (SYSTEM.has(normalized) || (home?.state === 'set' && home.value.replace(/\/+$/, '') === normalized)) {
      report(
        span,
        `TO=${quote(value)}: ftpsync's second pass runs rsync with --delete --delete-excluded there, so everything in ${quote(normalized)} the upstream does not have is deleted (up to 40000 files a run). Use a directory of its own.`,
      );
    }
  },
});
