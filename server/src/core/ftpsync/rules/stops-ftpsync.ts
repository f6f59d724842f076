import { defineRule } from '../../rule';
import type { FtpsyncDoc } from '../model';
import { visible } from './util';

export const stopsFtpsync = defineRule<FtpsyncDoc>({
  code: 'ftpsync/stops-ftpsync',
  severity: 'error',
  summary:
    'A variable that is not set when ftpsync reads the file (`set -u`), a bad substitution, `${X:?}` or `exit`: ftpsync stops there.',
  docs: [
    'ftpsync runs under `set -u`: a reference to a variable that is not set when the config is read stops bash with',
    '"X: unbound variable", and ftpsync exits (status 1) before it logs anything, so the upstream sees a successful push and',
    'nothing syncs (observed with `LOGDIR="${BASEDIR}/log"` under Debian\'s package). What is set at that moment: the',
    "environment of the run (HOME, LOGNAME, PATH…), ftpsync's own NAME, ARCHIVE, VERSION, LOGDIR, LOCKDIR, CONFDIRS, the",
    "archvsync tarball's BASEDIR and BINDIR (Debian's package sets neither), and whatever the file set above. MIRRORNAME,",
    'TO and the other settings get their defaults only *after* the file is read. A bad substitution (`${X Y}`), `${X:?}` of',
    'an unset X and `exit` stop it the same way. Set the variable earlier in the file, or use `${X:-default}`.',
  ],
  check(doc, report) {
    for (const stop of doc.script.stops) {
      if (stop.kind === 'syntax') continue;
      let message: string;
      if (stop.kind === 'unbound') {
        const why =
          stop.name === 'BASEDIR' && doc.setting.flavor === 'package'
            ? " (Debian's ftpsync package does not set BASEDIR; only archvsync's own tarball does)"
            : '';
        message = `${stop.name} is not set when ftpsync reads this file${why}: under \`set -u\` bash stops here ("${stop.message}") and ftpsync exits before it logs or syncs anything.`;
      } else if (stop.kind === 'readonly') {
        message = `bash refuses to change ${stop.name} ("${stop.message}"); under ftpsync's \`set -e\` that failure ends the run before it syncs.`;
      } else if (stop.kind === 'exit') {
        message = stop.message;
      } else {
        message = `bash stops here ("${stop.message}") and ftpsync exits before it logs or syncs anything.`;
      }
      report(visible(stop, doc.text.length), message);
    }
  },
});
