import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { confPathFor } from '../../server/src/core/mirrors/conf';
import { pickDownstream } from '../downstreams/prompts';
import { downstreamCount, nameList } from '../downstreams/wording';
import { parseInventory } from '../engine/inventory/inventory';
import { allDownstreams, type DownstreamNode, type ListNode } from '../engine/inventory/model';
import { expandHome, type CreatedKey } from '../engine/keys/keyFile';
import { inventoryKeyEdit, keyFileChange, type KeyTarget } from '../engine/keys/inventoryKey';
import { mirrorLineKeyEdit } from '../engine/keys/mirrorLineKey';
import { currentKeyFile, keyfileEdit, type TextEdit } from '../engine/keys/runmirrorsConf';

// After "Generate Trigger Key…": record the new key where runmirrors (or Push Mirror) reads it.
// Replacing a KEYFILE that exists changes the key of every downstream of the list at once, and each
// push then fails until that downstream installed the new public key: so that asks first, shows
// old → new, and offers the key for one downstream only. Every change is an unsaved, undoable edit.

export interface ModelSource {
  model(): Promise<readonly ListNode[]>;
}

/** The workspace file matching `glob` to edit: the only one, or the one the user picks among several. */
async function pickWorkspaceFile(glob: string, placeHolder: string): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles(glob, '**/node_modules/**', 20);
  if (found.length <= 1) return found[0];
  const picked = await vscode.window.showQuickPick(
    found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
    { placeHolder },
  );
  return picked?.uri;
}

/** Applies one text edit as a workspace edit (undoable, unsaved) and shows it selected. */
async function applyAndShow(doc: vscode.TextDocument, edit: TextEdit): Promise<boolean> {
  const range = new vscode.Range(doc.positionAt(edit.start), doc.positionAt(edit.end));
  const we = new vscode.WorkspaceEdit();
  we.replace(doc.uri, range, edit.newText);
  if (!(await vscode.workspace.applyEdit(we))) return false;
  const start = doc.positionAt(edit.start);
  const end = doc.positionAt(edit.start + edit.newText.length);
  await vscode.window.showTextDocument(doc, { preview: false, selection: new vscode.Range(start, end) });
  return true;
}

export async function recordInRunmirrorsConf(
  key: CreatedKey,
  log: vscode.LogOutputChannel,
  view: ModelSource,
): Promise<void> {
  const which = vscode.l10n.t('runmirrors.conf to record KEYFILE in');
  let target = await pickWorkspaceFile('**/runmirrors*.conf', which);
  if (!target) {
    const chosen = await vscode.window.showOpenDialog({
      title: which,
      canSelectMany: false,
      openLabel: vscode.l10n.t('Record KEYFILE'),
    });
    target = chosen?.[0];
  }
  if (!target) return;
  const doc = await vscode.workspace.openTextDocument(target);
  const current = currentKeyFile(doc.getText(), target.fsPath, os.homedir());
  // The list runmirrors reads with this conf: runmirrors.conf ↔ runmirrors.mirror, -NAME.conf ↔ -NAME.mirror.
  const list = (await view.model()).find((l) => l.path.endsWith('.mirror') && confPathFor(l.path) === target.fsPath);
  if (current.path !== key.privateFile && fs.existsSync(current.path)) {
    const names = list ? allDownstreams([list]).flatMap((n) => (n.type === 'none' ? [] : [n.name])) : [];
    const t = vscode.l10n.t;
    const listName = list?.label ?? t('its runmirrors list');
    const count = downstreamCount(names.length, t);
    // The answer is the button object: its words are translated.
    const one = { title: t('Only for One Downstream…') };
    const all = {
      title: names.length ? t('Replace KEYFILE for {0}', count) : t('Replace KEYFILE for every downstream'),
    };
    // The first button is what Enter presses: picking one downstream changes nothing by itself.
    const answer = await vscode.window.showWarningMessage(
      t('Replace the key runmirrors signals every downstream of {0} with?', listName),
      {
        modal: true,
        detail: [
          current.explicit
            ? `KEYFILE: ${current.setting} → ${key.privateFile}`
            : t('KEYFILE: {0} (the default) → {1}', current.setting, key.privateFile),
          names.length
            ? t(
                "runmirrors then signals all {0} ({1}) with the new key, and each push fails until that downstream's admin has put the new public key in authorized_keys.",
                count,
                nameList(names, undefined, t),
              )
            : t(
                "runmirrors then signals every downstream with the new key, and each push fails until that downstream's admin has put the new public key in authorized_keys.",
              ),
          t(
            "{0} records the key on one downstream's line of {1} instead. Either edit is left unsaved; Ctrl+Z undoes it.",
            one.title,
            listName,
          ),
        ].join('\n\n'),
      },
      one,
      all,
    );
    if (answer === one) return recordForOneDownstream(key, log, list);
    if (answer !== all) return;
  }
  if (await applyAndShow(doc, keyfileEdit(doc.getText(), key.privateFile)))
    log.info(
      `recorded KEYFILE=${key.privateFile} in ${target.fsPath} (was ${current.setting}; unsaved; undo with Ctrl+Z)`,
    );
}

/** The key for one downstream: its runmirrors.mirror line (old-style `2 KEY` field), else its pushmirror.yaml entry. */
async function recordForOneDownstream(
  key: CreatedKey,
  log: vscode.LogOutputChannel,
  list: ListNode | undefined,
): Promise<void> {
  if (!list)
    return void vscode.window.showErrorMessage(
      vscode.l10n.t('No runmirrors list beside this runmirrors.conf in the workspace.'),
    );
  const node = await pickDownstream([list], vscode.l10n.t('Record the new key for which downstream?'));
  if (!node) return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(node.definition.path));
  const result = mirrorLineKeyEdit(doc.getText(), node.name, key.privateFile, vscode.l10n.t);
  if ('error' in result) return offerInventory(key, log, node, result.error);
  if (await applyAndShow(doc, result.edit))
    log.info(
      `recorded ${key.privateFile} for ${node.name} in ${node.definition.path} (runmirrors passes it with -i instead of KEYFILE; unsaved; undo with Ctrl+Z)`,
    );
}

/** A line runmirrors cannot give its own key: say why, and offer pushmirror.yaml (read by Push Mirror, not runmirrors). */
async function offerInventory(
  key: CreatedKey,
  log: vscode.LogOutputChannel,
  node: DownstreamNode,
  why: string,
): Promise<void> {
  const inventory = { title: vscode.l10n.t('Record in pushmirror.yaml…') };
  const answer = await vscode.window.showErrorMessage(
    vscode.l10n.t(
      "Cannot record the key on {0}'s line: {1}. pushmirror.yaml can name it for Push Mirror's own signals (runmirrors does not read it).",
      node.name,
      why,
    ),
    inventory,
  );
  if (answer === inventory) await recordInInventory(key, log, { scope: 'downstream', name: node.name });
}

/** Records the key as `keyFile` in pushmirror.yaml: for every downstream (`defaults`) or for one. */
export async function recordInInventory(
  key: CreatedKey,
  log: vscode.LogOutputChannel,
  preset?: KeyTarget,
): Promise<void> {
  const target = await pickWorkspaceFile(
    '**/pushmirror.{yaml,yml}',
    vscode.l10n.t('pushmirror.yaml to record keyFile in'),
  );
  if (!target) return;
  const doc = await vscode.workspace.openTextDocument(target);
  let chosen = preset;
  if (!chosen) {
    const names = [...parseInventory(doc.getText()).entries.keys()];
    const items: (vscode.QuickPickItem & { target: KeyTarget })[] = [
      {
        label: 'defaults',
        description: vscode.l10n.t('every downstream without its own keyFile'),
        target: { scope: 'defaults' },
      },
      ...names.map((name) => ({
        label: name,
        description: vscode.l10n.t('this downstream only'),
        target: { scope: 'downstream', name } as KeyTarget,
      })),
    ];
    chosen = (
      await vscode.window.showQuickPick(items, {
        placeHolder: vscode.l10n.t('Record keyFile {0} for…', key.privateFile),
      })
    )?.target;
  }
  if (!chosen) return;
  if (!(await confirmKeyReplacement(doc, chosen, key))) return;
  const result = inventoryKeyEdit(doc.getText(), chosen, key.privateFile, vscode.l10n.t);
  if ('error' in result) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Cannot record keyFile in {0}: {1}.', vscode.workspace.asRelativePath(target), result.error),
    );
    return;
  }
  const who = chosen.scope === 'defaults' ? 'defaults' : chosen.name;
  if (await applyAndShow(doc, result.edit))
    log.info(`recorded keyFile=${key.privateFile} for ${who} in ${target.fsPath} (unsaved; undo with Ctrl+Z)`);
}

/**
 * Asks before a key that works today is replaced: those downstreams' pushes fail until each installed
 * the new public key. Keeping the old key is the default button. True when there is nothing to replace.
 */
async function confirmKeyReplacement(doc: vscode.TextDocument, target: KeyTarget, key: CreatedKey): Promise<boolean> {
  const change = keyFileChange(parseInventory(doc.getText()), target);
  if (!change.current || expandHome(change.current) === key.privateFile || !fs.existsSync(expandHome(change.current)))
    return true;
  const t = vscode.l10n.t;
  const who =
    target.scope === 'defaults'
      ? change.affected.length
        ? `${downstreamCount(change.affected.length, t)} (${nameList(change.affected, undefined, t)})`
        : t('every downstream without its own keyFile')
      : target.name;
  // The answer is the button object: its words are translated. Keep comes first: Enter presses it.
  const keep = { title: t('Keep the Current Key') };
  const replace = { title: t('Replace keyFile') };
  const answer = await vscode.window.showWarningMessage(
    t('Replace the key Push Mirror signals {0} with?', who),
    {
      modal: true,
      detail: [
        `keyFile (${target.scope === 'defaults' ? 'defaults' : target.name}): ${change.current} → ${key.privateFile}`,
        t(
          "Push Mirror then signals {0} with the new key, and each push fails until that downstream's admin has put the new public key in authorized_keys. The edit is left unsaved; Ctrl+Z undoes it.",
          who,
        ),
      ].join('\n\n'),
    },
    keep,
    replace,
  );
  return answer === replace;
}
