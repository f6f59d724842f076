// The `contextValue`s of the Push Mirror views' rows (Downstreams, This Mirror, Hierarchy): package.json's `view/item/context` menus select
// on them (`viewItem =~ /pushMirror\.downstream/`). Written once here; the tree and the menu tests
// read them from this module. No `vscode` import, so plain unit tests can load it.

export const CONTEXT = {
  list: 'pushMirror.list',
  inventoryGroup: 'pushMirror.inventoryGroup',
  pushType: 'pushMirror.pushType',
  delay: 'pushMirror.delay',
  downstream: 'pushMirror.downstream',
} as const;

/** Flags added to a downstream's context value, so a menu can show only what applies. */
export const DOWNSTREAM_FLAGS = {
  /** Its inventory entry names a remote log (Tail Sync Log can follow it). */
  hasRemoteLog: 'hasRemoteLog',
  /** Its inventory entry names a trace URL. */
  hasTrace: 'hasTrace',
} as const;

/** A downstream row's context value: `pushMirror.downstream` and the flags that apply, space-separated. */
export function downstreamContext(flags: { hasRemoteLog?: boolean; hasTrace?: boolean }): string {
  return [
    CONTEXT.downstream,
    flags.hasRemoteLog ? DOWNSTREAM_FLAGS.hasRemoteLog : '',
    flags.hasTrace ? DOWNSTREAM_FLAGS.hasTrace : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** "This Mirror": an archive, one whose Archive-Update-in-Progress lock is stale, and a log of one. */
export const ARCHIVE_CONTEXT = {
  archive: 'pushMirror.archive',
  staleArchive: 'pushMirror.archive.stale',
  log: 'pushMirror.ftpsyncLog',
} as const;

/** The Hierarchy view's rows: a mirror above this one, this mirror, a downstream, a finding, a detail. */
export const HIERARCHY_CONTEXT = {
  upstream: 'pushMirror.hierarchy.upstream',
  self: 'pushMirror.hierarchy.self',
  downstream: 'pushMirror.hierarchy.downstream',
  finding: 'pushMirror.hierarchy.finding',
  detail: 'pushMirror.hierarchy.detail',
} as const;
