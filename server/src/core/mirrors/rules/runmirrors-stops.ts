import { defineRule } from '../../rule';
import type { MirrorListFile } from '../check';
import { mirrors } from '../check';

export const runmirrorsStops = defineRule<MirrorListFile>({
  code: 'mirrors/runmirrors-stops',
  severity: 'warning',
  summary: 'runmirrors.conf beside this list makes runmirrors exit before the first push.',
  docs: [
    'Checked against the runmirrors.conf next to the list (`runmirrors-NAME.mirror` ↔ `runmirrors-NAME.conf`):',
    '- runmirrors ends with "SSH Key KEYFILE does not exist" (exit 5) when the master key (KEYFILE, relative to',
    '  your home, default `.ssh/pushmirror`) is missing — even when every line names its own key;',
    '- the packaged runmirrors runs `cd "${BASEDIR}"` under `set -u` and dies with "BASEDIR: unbound variable"',
    '  when neither runmirrors.conf nor the environment sets BASEDIR (ftpsync 20180513+nmu1);',
    '- an empty `LOGDIR=` or `LOCKDIR=` (a template whose value was left unset) makes its `mkdir -p ""` fail,',
    '  and runmirrors exits 1 (observed).',
    '',
    'Only checked with file checks on, on the machine that runs the language server.',
  ],
  check(doc, report, ctx) {
    if (!doc.settings || !ctx.host) return;
    const first = mirrors(doc)[0];
    if (!first) return;
    const where = { start: first.type.start, end: first.type.end };
    const key = ctx.host.stat(doc.settings.keyFile);
    if (key && !key.exists)
      report(
        where,
        `runmirrors stops before pushing anything: the master key KEYFILE (${doc.settings.keyFileSetting}) does not exist here.`,
      );
    if (!doc.settings.assignments.has('BASEDIR'))
      report(
        where,
        'runmirrors.conf sets no BASEDIR: the packaged runmirrors dies with "BASEDIR: unbound variable" unless the environment sets it.',
      );
    for (const name of ['LOGDIR', 'LOCKDIR']) {
      const a = doc.settings.assignments.get(name);
      if (a && a.value === '' && !a.dynamic)
        report(
          where,
          `runmirrors stops before pushing anything: runmirrors.conf sets ${name} to an empty value, and \`mkdir -p ""\` fails under \`set -e\`.`,
        );
    }
  },
});
