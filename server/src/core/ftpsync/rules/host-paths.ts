import type { CheckContext, FileFacts, HostAccess } from '../../types';

// Where `mkdir -p DIR` stops on this machine: the nearest part of the path that exists, and whether
// it is a directory the mirror user can create in. The mirror user is taken to be the owner of the
// config file (ftpsync runs as the user whose ~/.config/ftpsync it reads).

export interface MkdirOutcome {
  /** The existing part of the path that mkdir would hit. */
  at: string;
  facts: FileFacts;
  problem?: 'not-a-directory' | 'not-writable';
}

export function mkdirOutcome(host: HostAccess, dir: string, ctx: CheckContext): MkdirOutcome | undefined {
  let path = dir.replace(/\/+$/, '') || '/';
  let leaf = true;
  for (let guard = 0; guard < 256; guard++) {
    const facts = host.stat(path);
    if (facts?.exists) {
      if (!facts.isDirectory) return { at: path, facts, problem: 'not-a-directory' };
      if (leaf) return { at: path, facts };
      const owner = ctx.path ? host.stat(ctx.path)?.uid : undefined;
      if (owner !== undefined && owner !== 0 && facts.uid !== undefined && facts.mode !== undefined) {
        const writable = facts.uid === owner ? (facts.mode & 0o200) !== 0 : (facts.mode & 0o022) !== 0;
        if (!writable) return { at: path, facts, problem: 'not-writable' };
      }
      return { at: path, facts };
    }
    if (path === '/') return undefined;
    path = path.slice(0, path.lastIndexOf('/')) || '/';
    leaf = false;
  }
  return undefined;
}
