import { isMirror, parseMirrorList } from '../../../server/src/core/mirrors/parser';
import { english, type Translate } from '../l10n';
import type { TextEdit } from './runmirrorsConf';

// Recording a trigger key for one downstream in runmirrors.mirror. runmirrors reads a line as
// `Type ShortName HostName User [rest]`; a rest starting with `1` or `2` is the old style
// "protocol, then from the third character the key file": runmirrors then runs `ssh -2 -i KEY` with
// that key *instead of* KEYFILE (MKEYFILE=${MSSHOPT:2}). A rest starting with `-` (ssh options) or a
// ssh+ftpsync:// URL always gets KEYFILE, and an extra `-i` would only be offered after it (the
// master-key-plus-`-i` trap), so for those lines the key can go only into pushmirror.yaml.

/** runmirrors passes the key to ssh unquoted: blanks, quotes, `$` or a backslash would break it. */
const SAFE_KEY = /^[A-Za-z0-9_./@%+=:,~-]+$/;

/** The edit that makes runmirrors signal downstream `name` with `keyFile`, or why the line cannot say so. */
export function mirrorLineKeyEdit(
  text: string,
  name: string,
  keyFile: string,
  t: Translate = english,
): { edit: TextEdit } | { error: string } {
  if (!SAFE_KEY.test(keyFile))
    return { error: t('runmirrors passes the key path to ssh unquoted, so {0} would break', JSON.stringify(keyFile)) };
  const entries = parseMirrorList(text).entries.filter(isMirror);
  const matching = entries.filter((e) => e.name?.value === name);
  if (!matching.length) return { error: t('no line for {0} in the list', name) };
  if (matching.length > 1) return { error: t('{0} has {1} lines in the list', name, matching.length) };
  const entry = matching[0];
  if (entry.url)
    return {
      error: t('{0} is given as an ssh+ftpsync:// URL, and runmirrors always signals such lines with KEYFILE', name),
    };
  if (!entry.user) return { error: t("{0}'s line has no user field", name) };
  const field = `2 ${keyFile}`;
  switch (entry.restKind) {
    case 'default':
      return { edit: { start: entry.user.end, end: entry.user.end, newText: ` ${field}` } };
    case 'legacy':
      // Protocol 1 is gone from OpenSSH; write 2 whatever was there.
      return { edit: { start: entry.rest!.start, end: entry.rest!.end, newText: field } };
    case 'options':
      return {
        error: t(
          "{0}'s line passes ssh options ({1}), and runmirrors then still offers KEYFILE first",
          name,
          entry.rest!.value,
        ),
      };
    default:
      return { error: t("runmirrors does not understand what follows the user on {0}'s line", name) };
  }
}
