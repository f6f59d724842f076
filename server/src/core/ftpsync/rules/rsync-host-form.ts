import { defineRule } from '../../rule';
import type { Fix } from '../../types';
import { known, quote, replaceValue, valueSpanOf, isPlainSource } from './util';
import type { FtpsyncDoc } from '../model';

export const rsyncHostForm = defineRule<FtpsyncDoc>({
  code: 'ftpsync/rsync-host-form',
  severity: 'error',
  summary: 'RSYNC_HOST with `::`, a URL scheme, a path, a port or blanks: ftpsync adds `::RSYNC_PATH` itself.',
  docs: [
    'ftpsync syncs from `${RSYNC_USER}@${RSYNC_HOST}::${RSYNC_PATH}`, so RSYNC_HOST must be the bare host name.',
    '`RSYNC_HOST=host::debian` asks for module `debian::debian` ("@ERROR: Unknown module", observed); `rsync://host` makes',
    'rsync read the source as a local path and fail (observed); `host:2222` is read as a remote-shell path. ftpsync has no',
    'port setting: put `--port=2222` in RSYNC_EXTRA. The quick fix keeps the host name and moves a module to RSYNC_PATH.',
  ],
  check(doc, report) {
    const setting = known(doc, 'RSYNC_HOST');
    if (!setting?.value) return;
    const host = setting.value;
    const m =
      /^(?:([a-z][a-z0-9+.-]*):\/\/)?(?:([^@/\s]*)@)?(\[[^\]]*\]|[^:/\s]*)(::[^/\s]*|:[^/\s]*)?(\/\S*)?(\s.*)?$/i.exec(
        host,
      );
    const problems: string[] = [];
    if (m?.[1])
      problems.push(
        `${quote(`${m[1]}://`)} makes rsync read the source as a local path, so every sync fails (observed)`,
      );
    if (m?.[4]?.startsWith('::'))
      problems.push(
        `ftpsync adds \`::\${RSYNC_PATH}\` itself, so rsync asks for module ${quote(`${m[4].slice(2)}::…`)} ("Unknown module", observed)`,
      );
    else if (m?.[4]) problems.push('a port cannot go here: ftpsync has no port setting; use `--port=N` in RSYNC_EXTRA');
    if (m?.[5]) problems.push(`the path ${quote(m[5])} belongs in RSYNC_PATH`);
    if (/\s/.test(host)) problems.push('blanks split it into several rsync arguments');
    if (!problems.length) return;
    const bare = m?.[3] ?? '';
    const fixes: Fix[] = [];
    if (bare && isPlainSource(setting.source)) {
      fixes.push({
        title: `Write RSYNC_HOST=${bare}`,
        preferred: true,
        edits: [{ ...valueSpanOf(setting.assignment), newText: replaceValue(setting.source, bare) }],
      });
    }
    report(valueSpanOf(setting.assignment), `RSYNC_HOST must be a bare host name: ${problems.join('; ')}.`, { fixes });
  },
});
