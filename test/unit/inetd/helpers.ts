import { inetdService } from '../../../server/src/core/inetd/service';
import type { CheckContext, FileFacts, HostAccess, Problem } from '../../../server/src/core/types';

/** A machine with the given files: text files by path, other paths as plain files, modes per path. */
export function fakeHost(files: Record<string, string | FileFacts>): HostAccess {
  return {
    stat: (path) => {
      const f = files[path];
      if (f === undefined) return { exists: false, isDirectory: false };
      return typeof f === 'string' ? { exists: true, isDirectory: false, mode: 0o644 } : f;
    },
    readDir: () => undefined,
    readText: (path) => (typeof files[path] === 'string' ? (files[path] as string) : undefined),
    homeDir: '/root',
    uid: 0,
  };
}

export const EXECUTABLE: FileFacts = { exists: true, isDirectory: false, mode: 0o755 };

/** A Debian host as the seed has it: rsync installed, `rsync 873/tcp` listed, a config in place. */
export function debianHost(extra: Record<string, string | FileFacts> = {}): HostAccess {
  return fakeHost({
    '/etc/services': '# Network services\nssh\t\t22/tcp\nrsync\t\t873/tcp\ntftp\t\t69/udp\n',
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
    '/etc/group': 'root:x:0:\nnogroup:x:65534:\n',
    '/usr/bin/rsync': EXECUTABLE,
    '/usr/sbin/tcpd': EXECUTABLE,
    '/etc/rsyncd.conf': '[debian]\n  path = /srv/mirror/debian\n',
    ...extra,
  });
}

export function problems(text: string, ctx: CheckContext = {}, code?: string): Problem[] {
  return inetdService.validate(text, ctx).filter((p) => !code || p.code === code);
}

/** The text each problem (of `code`) covers. */
export function covered(text: string, ctx: CheckContext = {}, code?: string): string[] {
  return problems(text, ctx, code).map((p) => text.slice(p.start, p.end));
}

/** Applies a problem's first fix. */
export function applyFix(text: string, p: Problem): string {
  const edits = [...(p.fixes?.[0]?.edits ?? [])].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
