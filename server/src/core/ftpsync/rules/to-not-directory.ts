import { defineRule } from '../../rule';
import { effective, type FtpsyncDoc } from '../model';
import { mkdirOutcome } from './host-paths';
import { quote, valueSpanOf } from './util';

export const toNotDirectory = defineRule<FtpsyncDoc>({
  code: 'ftpsync/to-not-directory',
  severity: 'error',
  summary: 'On this machine TO (or a part of its path) is a file, or a directory the mirror user cannot create in.',
  docs: [
    'A file system check, made only when `pushMirror.checkFileSystem` is on, on the machine the language server runs on.',
    'ftpsync starts with `mkdir -p "${TO}/project/trace"`; when a part of TO is a file it fails ("Not a directory", observed)',
    'and ftpsync exits before it logs anything. A missing TO is created on the first run. The mirror user is taken to be',
    'the owner of this config file.',
  ],
  check(doc, report, ctx) {
    const to = effective(doc, 'TO');
    if (!ctx.host || !to.assignment || to.assignment.conditional || !to.value?.startsWith('/')) return;
    const outcome = mkdirOutcome(ctx.host, to.value, ctx);
    if (!outcome?.problem) return;
    report(
      valueSpanOf(to.assignment),
      outcome.problem === 'not-a-directory'
        ? `on this machine ${quote(outcome.at)} is not a directory: ftpsync's \`mkdir -p TO/project/trace\` fails ("Not a directory") and it exits before syncing.`
        : `on this machine the owner of this file cannot create ${quote(to.value)} in ${quote(outcome.at)}: ftpsync's \`mkdir -p\` fails and it exits before syncing.`,
    );
  },
});
