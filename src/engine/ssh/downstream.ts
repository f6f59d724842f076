// What the signal engine needs to know about one downstream, whatever it was read from
// (runmirrors.mirror, the YAML inventory, a tree node). Plain data: no parser types leak in here.

export type DownstreamType = 'all' | 'staged' | 'mhop';

/** How runmirrors was asked to push (`runmirrors -k`): `mhop` is its default. */
export type PushKind = 'all' | 'mhop' | 'stage2';

export interface Downstream {
  /** Short name: the log file is `<name>.log`, coalescing and results key on it. */
  name: string;
  host: string;
  port?: number;
  user?: string;
  /** Key files in the order ssh would offer them (runmirrors: the master key first, then `-i` options). */
  keyFiles?: string[];
  /** Extra ssh words for this downstream (`-p 2222`, `-o User=x`…), as runmirrors passes them. */
  sshOptions?: string[];
  type: DownstreamType;
  /** Archive from an `ssh+ftpsync://host/archive` URL; overrides the run's archive. */
  archive?: string;
  /** `archvsync`: the sync:… protocol; `custom`: send `command` as is. */
  commandStyle?: 'archvsync' | 'custom';
  command?: string;
}

/** A DELAY line: sleep, or with `stage1` wait (at most `seconds`) until the staged mirrors finished stage 1. */
export interface Delay {
  delay: true;
  seconds: number;
  stage1: boolean;
}

export type PlanEntry = Downstream | Delay;

export const isDelay = (e: PlanEntry): e is Delay => (e as Delay).delay === true;

export type Stage = 'all' | 'stage1' | 'stage2' | 'custom';

export interface ProtocolOptions {
  /** PUSHARCHIVE: runmirrors always sends `sync:archive:NAME`, even with an empty name. */
  archive: string;
  pushKind: PushKind;
  /** PUSHCB: ask the downstream for a callback. */
  callback?: boolean;
}

/**
 * The remote command exactly as runmirrors' signal() builds it: `sync:archive:NAME`, then
 * `sync:callback` when asked, `sync:mhop` for mhop downstreams in an mhop push, then the stage word.
 * Words are joined by single spaces; ssh sends them as one string (SSH_ORIGINAL_COMMAND).
 */
export function archvsyncCommand(d: Downstream, stage: Exclude<Stage, 'custom'>, o: ProtocolOptions): string {
  const words = [`sync:archive:${d.archive ?? o.archive}`];
  if (o.callback) words.push('sync:callback');
  if (o.pushKind === 'mhop' && d.type === 'mhop') words.push('sync:mhop');
  words.push(stage === 'all' ? 'sync:all' : `sync:${stage}`);
  return words.join(' ');
}

/**
 * The stages runmirrors sends to this downstream: `all` once; staged/mhop stage1 then stage2, only
 * stage2 when pushKind is stage2, and only stage1 for an mhop push from inside ftpsync (the
 * upstream sends stage2 later). An empty list means runmirrors skips the downstream.
 */
export function stagesFor(d: Downstream, pushKind: PushKind, fromFtpsync: boolean): Stage[] {
  if (d.commandStyle === 'custom') return ['custom'];
  if (pushKind === 'mhop' && fromFtpsync && d.type === 'all') return [];
  if (d.type === 'all') return ['all'];
  if (pushKind === 'stage2') return ['stage2'];
  if (pushKind === 'mhop' && fromFtpsync) return ['stage1'];
  return ['stage1', 'stage2'];
}

/** A stable identity for coalescing: the same account on the same host is the same downstream. */
export function downstreamKey(d: Downstream): string {
  return `${d.name}\u0000${d.user ?? ''}@${d.host}:${d.port ?? ''}`;
}
