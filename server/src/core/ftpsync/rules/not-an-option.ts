import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { optionSettings } from './options-util';
import { quote } from './util';

export const notAnOption = defineRule<FtpsyncDoc>({
  code: 'ftpsync/not-an-option',
  severity: 'error',
  summary:
    'A word in EXCLUDE or RSYNC_* that is no rsync option (`EXCLUDE="*.iso"`, `RSYNC_BW="10 MB"`): rsync takes it as a path.',
  docs: [
    'ftpsync passes these variables to rsync unquoted, so each blank-separated word is one argument. A word that is not an',
    'option (or the value of the option before it) is a file argument to rsync: `EXCLUDE="*.iso"` makes rsync copy a local',
    '`*.iso` and then refuse the upstream ("Unexpected remote arg", syntax error code 1, observed), so every run fails.',
    'Write `--exclude=*.iso`.',
  ],
  check(doc, report) {
    for (const setting of optionSettings(doc)) {
      for (const bare of setting.words.bare) {
        const span = setting.span(bare.index, bare.index + bare.word.length);
        report(
          span,
          `${quote(bare.word)} in ${setting.name} is no rsync option, so rsync takes it as another source path and every sync fails ("Unexpected remote arg", observed).${setting.name === 'EXCLUDE' ? ` Write \`--exclude=${bare.word}\`.` : ''}`,
          setting.name === 'EXCLUDE' && span.end - span.start === bare.word.length
            ? {
                fixes: [
                  {
                    title: `Write --exclude=${bare.word}`,
                    preferred: true,
                    edits: [{ start: span.start, end: span.start, newText: '--exclude=' }],
                  },
                ],
              }
            : undefined,
        );
      }
    }
  },
});
