import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileReadError, readRegularFileSync } from '../../../server/src/node/files';

// This machine's files as seen from a root directory: `/` in use, a fixture tree in tests. Read only:
// nothing here runs a program or changes a file.

/** Config and unit files are small; a larger one is not what we look for. */
const MAX_BYTES = 1024 * 1024;

export class HostTree {
  constructor(readonly root = '/') {}

  /** The path on this machine of a host path (`/etc/inetd.conf` under the root). */
  resolve(hostPath: string): string {
    return path.join(this.root, hostPath);
  }

  /** The text of a regular file, or undefined when it is missing, not regular, too large or unreadable. */
  read(hostPath: string): string | undefined {
    try {
      return readRegularFileSync(this.resolve(hostPath), { maxBytes: MAX_BYTES }).toString('utf8');
    } catch (error) {
      if (error instanceof FileReadError) return undefined;
      throw error;
    }
  }

  exists(hostPath: string): boolean {
    return fs.existsSync(this.resolve(hostPath));
  }

  /** Whether the path itself exists, a dangling symbolic link included (links are not followed). */
  lexists(hostPath: string): boolean {
    try {
      fs.lstatSync(this.resolve(hostPath));
      return true;
    } catch {
      return false;
    }
  }

  isDirectory(hostPath: string): boolean {
    try {
      return fs.statSync(this.resolve(hostPath)).isDirectory();
    } catch {
      return false;
    }
  }

  /** Names in a directory, sorted; empty when it cannot be read. */
  list(hostPath: string): string[] {
    try {
      return fs.readdirSync(this.resolve(hostPath)).sort();
    } catch {
      return [];
    }
  }

  /** Where a symbolic link points (as written), or undefined when the path is no link. */
  linkTarget(hostPath: string): string | undefined {
    try {
      return fs.readlinkSync(this.resolve(hostPath));
    } catch {
      return undefined;
    }
  }

  /** The host path with symbolic links resolved inside the root (for comparing two names of one file). */
  real(hostPath: string): string {
    try {
      const real = fs.realpathSync(this.resolve(hostPath));
      const rel = path.relative(fs.realpathSync(this.root), real);
      return rel.startsWith('..') ? real : `/${rel}`;
    } catch {
      return path.posix.normalize(hostPath);
    }
  }
}
