import { defineRule } from '../../rule';
import { mirrors, show, type MirrorListFile } from '../check';
import { analyzeSshOptions } from '../sshopts';
import type { CheckContext, Span } from '../../types';

/** Where ssh looks for a key runmirrors passes with -i: runmirrors has `cd "$BASEDIR"` first. */
export function resolveKeyPath(file: string, doc: MirrorListFile, home: string): string | undefined {
  if (file.startsWith('/')) return file;
  if (file === '~' || file.startsWith('~/')) return home + file.slice(1);
  if (file.startsWith('~')) return undefined;
  const base = doc.settings?.baseDir;
  return base ? `${base.replace(/\/$/, '')}/${file}` : undefined;
}

export const keyFileMissing = defineRule<MirrorListFile>({
  code: 'mirrors/key-file-missing',
  severity: 'error',
  summary: 'The key file of this mirror does not exist on this machine.',
  docs: [
    'runmirrors passes the key file to `ssh -i` without checking it; ssh warns "Identity file … not',
    'accessible" and tries other keys, so the push usually fails with "Permission denied".',
    'Relative paths are relative to BASEDIR (runmirrors `cd`s there), not to your home directory.',
    '',
    'Checked only when file checks are on (`pushMirror.checkFileSystem`) and on the machine that runs the',
    'language server; turn the checks off when you edit a list for another host.',
  ],
  check(doc, report, ctx: CheckContext) {
    const host = ctx.host;
    if (!host) return;
    const check = (value: string, span: Span) => {
      const path = resolveKeyPath(value.trim(), doc, host.homeDir);
      if (!path) return;
      const facts = host.stat(path);
      if (facts && !facts.exists)
        report(span, `Key file ${show(value.trim())} does not exist here (${path}); ssh will not be able to use it.`);
      else if (facts?.isDirectory) report(span, `Key file ${show(value.trim())} is a directory.`);
    };
    for (const entry of mirrors(doc)) {
      if (entry.restKind === 'legacy' && entry.keyFile && entry.keyFile.value.trim() !== '')
        check(entry.keyFile.value, entry.keyFile);
      if (entry.restKind === 'options' && entry.rest) {
        for (const option of analyzeSshOptions(entry.rest).options)
          if (option.flag === 'i' && option.arg) check(option.arg.value, option.arg);
      }
    }
  },
});
