import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  allDownstreams,
  type DelayNode,
  type DownstreamNode,
  type ListNode,
  type TreeNode,
} from '../engine/inventory/model';
import { DownstreamsController } from './controller';
import { DownstreamsTree } from './tree';

// The Downstreams view: registers the tree, its commands and the controller that feeds it.

const NEW_LIST = [
  '# Downstream mirrors pushed by runmirrors, one per line:',
  '#   Type ShortName HostName User [-ssh options | SSHProtocol SSHKeyFile]',
  '#   Type ShortName ssh+ftpsync://user@host[/archive]',
  '# Type is all, staged or mhop; "DELAY n" pauses n seconds. Hover a field for details.',
  '',
].join('\n');

export function registerDownstreams(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): DownstreamsController {
  const tree = new DownstreamsTree();
  const controller = new DownstreamsController(tree, log, context.workspaceState);
  const view = vscode.window.createTreeView('pushMirror.downstreams', {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  context.subscriptions.push(
    tree,
    controller,
    view,
    vscode.commands.registerCommand('pushMirror.refreshDownstreams', () => controller.refresh(true)),
    vscode.commands.registerCommand('pushMirror.revealDefinition', (node?: TreeNode) =>
      reveal(node ?? view.selection[0]),
    ),
    vscode.commands.registerCommand('pushMirror.openMirrorList', () => openList(tree.current)),
    vscode.commands.registerCommand('pushMirror.createMirrorList', () => createList()),
    vscode.commands.registerCommand('pushMirror.addDownstream', (node?: TreeNode) => addDownstream(tree.current, node)),
  );
  void controller.refresh(true);
  return controller;
}

async function reveal(node: TreeNode | undefined): Promise<void> {
  if (!node || node.kind === 'group' || node.kind === 'inventoryGroup') return;
  if (node.kind === 'list') {
    await vscode.window.showTextDocument(vscode.Uri.file(node.path));
    return;
  }
  const def = (node as DownstreamNode | DelayNode).definition;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(def.path));
  // Offsets come from the text as loaded; the line number is the stable part if the file changed since.
  const start =
    doc.positionAt(def.start).line === def.line ? doc.positionAt(def.start) : new vscode.Position(def.line, 0);
  const end =
    doc.positionAt(def.end).line === def.line
      ? doc.positionAt(def.end)
      : doc.lineAt(Math.min(def.line, doc.lineCount - 1)).range.end;
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(start, end) });
}

async function openList(lists: readonly ListNode[]): Promise<void> {
  const mirrorLists = lists.filter((l) => l.path.endsWith('.mirror'));
  if (mirrorLists.length === 1)
    return void (await vscode.window.showTextDocument(vscode.Uri.file(mirrorLists[0].path)));
  if (mirrorLists.length > 1) {
    const picked = await vscode.window.showQuickPick(
      mirrorLists.map((l) => ({ label: l.label, description: l.path, path: l.path })),
      { title: vscode.l10n.t('Open which runmirrors list?') },
    );
    if (picked) await vscode.window.showTextDocument(vscode.Uri.file(picked.path));
    return;
  }
  const chosen = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: vscode.l10n.t('Open runmirrors list'),
    filters: { [vscode.l10n.t('runmirrors lists')]: ['mirror', 'sample'], [vscode.l10n.t('All')]: ['*'] },
  });
  if (chosen?.[0]) await vscode.window.showTextDocument(chosen[0]);
}

async function createList(): Promise<string | undefined> {
  const folder =
    vscode.workspace.workspaceFolders?.length === 1
      ? vscode.workspace.workspaceFolders[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Create the list in which folder?') });
  if (!folder) return undefined;
  // An archvsync home keeps it in etc/; Debian's package reads ~/.config/ftpsync/.
  const target = vscode.Uri.joinPath(folder.uri, 'etc', 'runmirrors.mirror');
  try {
    await vscode.workspace.fs.stat(target);
  } catch {
    await vscode.workspace.fs.writeFile(target, Buffer.from(NEW_LIST, 'utf8'));
  }
  await vscode.window.showTextDocument(target);
  return target.fsPath;
}

async function addDownstream(lists: readonly ListNode[], node?: TreeNode): Promise<void> {
  const mirrorLists = lists.filter((l) => l.path.endsWith('.mirror'));
  let listPath =
    node?.kind === 'list' && node.path.endsWith('.mirror')
      ? node.path
      : mirrorLists.length === 1
        ? mirrorLists[0].path
        : undefined;
  if (!listPath && mirrorLists.length > 1) {
    listPath = (
      await vscode.window.showQuickPick(
        mirrorLists.map((l) => ({ label: l.label, description: l.path, path: l.path })),
        { title: vscode.l10n.t('Add to which list?') },
      )
    )?.path;
    if (!listPath) return;
  }
  listPath ??= await createList();
  if (!listPath) return;
  const type = await vscode.window.showQuickPick(
    [
      // The labels are runmirrors' type words, written into the list as they are.
      { label: 'all', detail: vscode.l10n.t('Normal push: trigger and go on (the usual choice)') },
      { label: 'staged', detail: vscode.l10n.t('Two-stage push: wait for all staged mirrors after stage1') },
      {
        label: 'mhop',
        detail: vscode.l10n.t('Multi-hop staged push: the downstream pushes its own downstreams first'),
      },
    ],
    { title: vscode.l10n.t('Add downstream ({0}/{1}): push type', 1, 4) },
  );
  if (!type) return;
  const taken = new Set(allDownstreams(lists).map((c) => c.name));
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add downstream ({0}/{1}): ShortName', 2, 4),
    prompt: vscode.l10n.t('Used for its log file LOGDIR/<ShortName>.log'),
    placeHolder: 'eu.mirror',
    validateInput: (v) =>
      !/^[^\s/\\#]+$/.test(v)
        ? vscode.l10n.t('One word, no slashes')
        : taken.has(v)
          ? vscode.l10n.t('{0} is already in a list', v)
          : undefined,
  });
  if (!name) return;
  const host = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add downstream ({0}/{1}): host', 3, 4),
    placeHolder: 'mirror.example.org',
    validateInput: (v) => (/^[^\s/@]+$/.test(v) ? undefined : vscode.l10n.t('A host name or address')),
  });
  if (!host) return;
  const user = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add downstream ({0}/{1}): user', 4, 4),
    value: 'archvsync',
    validateInput: (v) => (/^[^\s:@]+$/.test(v) ? undefined : vscode.l10n.t('A user name')),
  });
  if (!user) return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(listPath));
  const text = doc.getText();
  const line = `${type.label} ${name} ${host} ${user}`;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.positionAt(text.length), `${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`);
  await vscode.workspace.applyEdit(edit);
  await doc.save();
  const editor = await vscode.window.showTextDocument(doc);
  const last = doc.lineCount - 2;
  editor.selection = new vscode.Selection(last, 0, last, line.length);
  void vscode.window.showInformationMessage(vscode.l10n.t('Added {0} to {1}.', name, path.basename(listPath)));
}
