import type { InventoryEntry } from '../inventory/inventory';
import type { Downstream } from './downstream';

// The YAML inventory (pushmirror.yaml) refines what the runmirrors list says about a downstream:
// its host, user, port, key and signal style win, as an admin writes them there on purpose.

export function applyInventory(d: Downstream, inv: InventoryEntry | undefined): Downstream {
  if (!inv) return d;
  return {
    ...d,
    ...(inv.host ? { host: inv.host } : {}),
    ...(inv.user ? { user: inv.user } : {}),
    ...(inv.port ? { port: inv.port } : {}),
    ...(inv.keyFile ? { keyFiles: [inv.keyFile] } : {}),
    ...(inv.type ? { type: inv.type } : {}),
    ...(inv.signal?.kind === 'command' ? { commandStyle: 'custom' as const, command: inv.signal.command } : {}),
  };
}
