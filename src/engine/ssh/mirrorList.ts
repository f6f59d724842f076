import { isMirror, parseMirrorList, pushType, target } from '../../../server/src/core/mirrors/parser';
import { keptText } from '../../../server/src/core/mirrors/sshopts';
import type { Downstream, PlanEntry } from './downstream';

// Adapter from the language server's runmirrors.mirror parser (pure core, shared with the
// diagnostics) to the signal engine's plain Downstream list. Lines runmirrors would skip are
// skipped here too, and said why, so the CLI can report them like runmirrors' log does.

export interface MirrorListPlan {
  entries: PlanEntry[];
  /** Lines runmirrors would not push, with the reason. */
  skipped: { line: number; reason: string }[];
}

/**
 * `masterKey` is runmirrors' KEYFILE (absolute). runmirrors keeps only the text up to the second
 * blank of an options field (its SSHOPTS mangling), so that is all we pass on too.
 */
export function planFromMirrorList(text: string, masterKey: string | undefined): MirrorListPlan {
  const doc = parseMirrorList(text);
  const entries: PlanEntry[] = [];
  const skipped: MirrorListPlan['skipped'] = [];
  for (const e of doc.entries) {
    const line = e.line + 1;
    if (!isMirror(e)) {
      const seconds = Number.parseInt(e.seconds?.value ?? '600', 10);
      entries.push({
        delay: true,
        seconds: Number.isFinite(seconds) ? seconds : 600,
        stage1: e.mode?.value.replace(/\r$/, '') === 'stage1',
      });
      continue;
    }
    const type = pushType(e);
    const { host, user, archive } = target(e);
    if (!e.name || !host) {
      skipped.push({ line, reason: 'missing name or host' });
      continue;
    }
    if (e.url && e.url.scheme !== 'ssh+ftpsync') {
      skipped.push({ line, reason: `${e.name.value}: wrong scheme ${e.url.scheme}, runmirrors ignores it` });
      continue;
    }
    if (e.restKind === 'unknown' || e.restKind === 'aborts') {
      skipped.push({ line, reason: `${e.name.value}: runmirrors does not know what is configured after the user` });
      if (e.restKind === 'aborts') break; // runmirrors' loop dies here under set -u
      continue;
    }
    const keyFiles =
      e.restKind === 'legacy' && e.keyFile?.value ? [e.keyFile.value.replace(/\r$/, '')] : masterKey ? [masterKey] : [];
    const sshOptions =
      e.restKind === 'options' && e.rest
        ? keptText(e.rest.value.replace(/\r$/, ''))
            .kept.split(/[ \t]+/)
            .filter(Boolean)
        : [];
    // An unknown type gets no push from runmirrors' signal(); keep it out of the plan.
    if (!type) {
      skipped.push({ line, reason: `${e.name.value}: unknown type ${e.type.value}` });
      continue;
    }
    const d: Downstream = {
      name: e.name.value,
      host,
      ...(user ? { user } : {}),
      ...(keyFiles.length ? { keyFiles } : {}),
      ...(sshOptions.length ? { sshOptions } : {}),
      type,
      ...(archive !== undefined ? { archive } : {}),
    };
    entries.push(d);
  }
  return { entries, skipped };
}
