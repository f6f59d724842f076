import * as vscode from 'vscode';
import { SETTINGS } from '../../server/src/core/settings';
import { askBeforeSignallingMany } from '../config';
import { allDownstreams, type DownstreamNode, type ListNode } from '../engine/inventory/model';
import { manySignalsQuestion, type ManySignals } from './wording';

// The questions the downstream commands ask, over the model the Downstreams view already holds:
// which downstream or list (each picker's title says what for), and whether to signal a whole list.

/** Picks a downstream runmirrors pushes; `title` says what for, e.g. "Signal which downstream?". */
export async function pickDownstream(
  lists: readonly ListNode[],
  title: string,
  filter: (n: DownstreamNode) => boolean = () => true,
): Promise<DownstreamNode | undefined> {
  const nodes = allDownstreams(lists).filter((n) => n.type !== 'none' && filter(n));
  if (!nodes.length)
    return void vscode.window.showInformationMessage(
      vscode.l10n.t('No downstreams found: add a runmirrors.mirror to the workspace.'),
    );
  const picked = await vscode.window.showQuickPick(
    nodes.map((n) => ({
      label: n.name,
      description: `${n.type} ${n.user ? `${n.user}@` : ''}${n.host ?? ''}`,
      detail: n.status?.detail,
      node: n,
    })),
    { title, matchOnDescription: true },
  );
  return picked?.node;
}

/** The runmirrors list to act on: the only one, or the one picked; `title` says what for. */
export async function pickList(lists: readonly ListNode[], title: string): Promise<ListNode | undefined> {
  const mirrorLists = lists.filter((l) => l.path.endsWith('.mirror'));
  if (mirrorLists.length <= 1)
    return (
      mirrorLists[0] ??
      void vscode.window.showInformationMessage(vscode.l10n.t('No runmirrors.mirror in the workspace.'))
    );
  return (
    await vscode.window.showQuickPick(
      mirrorLists.map((l) => ({ label: l.label, description: l.path, list: l })),
      { title },
    )
  )?.list;
}

/**
 * Asks before signalling every downstream of a list (unless the user turned that off). The first
 * button is the one Enter presses in VS Code's modal (and Escape is Cancel), so it is the harmless
 * "Choose One Downstream…"; signalling them all takes a click on the second. The answer is the
 * button object itself, never its (translated) words.
 */
export async function confirmListSignal(m: Omit<ManySignals, 'setting'>): Promise<'all' | 'one' | undefined> {
  if (!askBeforeSignallingMany()) return 'all';
  const q = manySignalsQuestion({ ...m, setting: SETTINGS.signalConfirmMany.key }, vscode.l10n.t);
  const one: vscode.MessageItem & { answer: 'one' | 'all' } = {
    title: vscode.l10n.t('Choose One Downstream…'),
    answer: 'one',
  };
  const all: typeof one = { title: q.confirm, answer: 'all' };
  const picked = await vscode.window.showWarningMessage(q.message, { modal: true, detail: q.detail }, one, all);
  return picked?.answer;
}

/** The downstreams of one list in the model, by ShortName (their inventory entries ride along). */
export function downstreamsOf(list: ListNode): Map<string, DownstreamNode> {
  return new Map(allDownstreams([list]).map((n) => [n.name, n]));
}
