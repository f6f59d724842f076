import type { HostAccess } from '../../types';
import type { InetdDocument, InetdEntry } from '../parser';
import { rsyncInvocation, type RsyncInvocation } from '../rsync';
import { parseServices, SERVICES_FILE, type ServiceEntry } from '../services';

/** A value in backticks for a message; CRs and tabs made visible. */
export function show(value: string): string {
  return '`' + value.replace(/`/g, "'").replace(/\r/g, '\\r').replace(/\t/g, '\\t') + '`';
}

/** Entries that run rsync, with what rsync gets. */
export function rsyncEntries(doc: InetdDocument): { entry: InetdEntry; rsync: RsyncInvocation }[] {
  return doc.entries.flatMap((entry) => {
    const rsync = rsyncInvocation(entry);
    return rsync ? [{ entry, rsync }] : [];
  });
}

/** The entries with every field up to the server program (the others are reported as missing a field). */
export function completeEntries(doc: InetdDocument): InetdEntry[] {
  return doc.entries.filter((e) => e.server);
}

let lastServices: { text: string; entries: ServiceEntry[] } | undefined;
/** This machine's /etc/services (the host caches the text; the last parse is kept); undefined when unreadable. */
export function hostServices(host: HostAccess): ServiceEntry[] | undefined {
  const text = host.readText(SERVICES_FILE);
  if (text === undefined) return undefined;
  if (lastServices?.text !== text) lastServices = { text, entries: parseServices(text) };
  return lastServices.entries;
}
