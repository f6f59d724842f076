import { defineRule } from '../../rule';
import { effective, type FtpsyncDoc } from '../model';
import { mkdirOutcome } from './host-paths';
import { quote, valueSpanOf } from './util';

export const logdirNotCreatable = defineRule<FtpsyncDoc>({
  code: 'ftpsync/logdir-not-creatable',
  severity: 'error',
  summary:
    'On this machine LOGDIR cannot be created (a part of it is a file, or its parent is not writable): ftpsync stops first thing.',
  docs: [
    'A file system check, made only when `pushMirror.checkFileSystem` is on. The first thing ftpsync does after reading its',
    'config is `mkdir -p "$LOGDIR"`; when that fails ("cannot create directory", observed) it exits under `set -e` before',
    'any log exists, so only the exit status tells. A relative LOGDIR is created in the directory ftpsync starts in. The',
    'mirror user is taken to be the owner of this config file.',
  ],
  check(doc, report, ctx) {
    const logdir = effective(doc, 'LOGDIR');
    if (!ctx.host || !logdir.assignment || logdir.assignment.conditional || !logdir.value?.startsWith('/')) return;
    const outcome = mkdirOutcome(ctx.host, logdir.value, ctx);
    if (!outcome?.problem) return;
    report(
      valueSpanOf(logdir.assignment),
      outcome.problem === 'not-a-directory'
        ? `on this machine ${quote(outcome.at)} is not a directory: ftpsync's \`mkdir -p LOGDIR\` fails and it exits before it logs anything.`
        : `on this machine the owner of this file cannot create ${quote(logdir.value)} in ${quote(outcome.at)}: ftpsync's \`mkdir -p LOGDIR\` fails and it exits before it logs anything.`,
    );
  },
});
