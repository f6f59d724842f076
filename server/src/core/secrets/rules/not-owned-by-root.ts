import { defineRule } from '../../rule';
import { fileSpan, moduleList, type SecretsFile } from '../check';

export const notOwnedByRoot = defineRule<SecretsFile>({
  code: 'secrets/not-owned-by-root',
  severity: 'warning',
  summary: 'On this machine the file is not owned by root; a daemon running as root with `strict modes` ignores it.',
  docs: [
    'A file system check, made only when `pushMirror.checkFileSystem` is on, against the file **on the machine the',
    'language server runs on**. When the daemon runs as root (the usual case; it is assumed unless the config sets',
    'another global `daemon uid`) and `strict modes` is on (the default), rsync refuses a secrets file not owned by uid 0:',
    'it logs "secrets file must be owned by root when running as root" and **every login to the module fails**.',
    '',
    'Run `chown root: FILE` and `chmod 600 FILE`.',
  ],
  check(doc, report, ctx) {
    if (!ctx.host || !ctx.path) return;
    const facts = ctx.host.stat(ctx.path);
    if (!facts?.exists || facts.uid === undefined || facts.uid === 0) return;
    const affected = doc.refs.filter((r) => r.module.strictModes && r.daemonIsRoot);
    if (doc.refs.length && !affected.length) return;
    const who = affected.length
      ? `every login to ${moduleList(affected)} fails`
      : 'every login to a module using it fails';
    report(
      fileSpan(doc),
      `on this machine the file is owned by uid ${facts.uid}, not root; a daemon running as root with \`strict modes\` on ignores the whole file and ${who}.`,
    );
  },
});
