import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { DEFAULT_KEY_FILE, expandHome } from '../engine/keys/keyFile';
import { COMMAND_CHOICES, machineAddresses, triggerLine } from '../engine/keys/trigger';
import { isDownstreamNode } from '../logs/downstreamSources';
import { readSignalConfig } from './signalUi';

// "Copy authorized_keys line" on a downstream: the line its admin pastes, for the key this host
// signals it with (pushmirror.yaml keyFile, else runmirrors' KEYFILE, else ~/.ssh/pushmirror).

export function registerAuthorizedKeysLineCommand(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('pushMirror.copyAuthorizedKeysLine', async (arg?: unknown) => {
      const node = isDownstreamNode(arg) ? arg : undefined;
      const keyFile = expandHome(
        node?.inventory?.keyFile ?? readSignalConfig().keyFile ?? node?.settings?.keyFile ?? DEFAULT_KEY_FILE,
      );
      let publicLine: string;
      try {
        publicLine = fs.readFileSync(`${keyFile}.pub`, 'utf8').trim();
      } catch {
        const generate = 'Generate Trigger Key…';
        const answer = await vscode.window.showWarningMessage(
          `No public key at ${keyFile}.pub. Generate the trigger key first.`,
          generate,
        );
        if (answer === generate) await vscode.commands.executeCommand('pushMirror.generateTriggerKey');
        return;
      }
      const command = await vscode.window.showQuickPick(
        COMMAND_CHOICES.map((c) => ({ label: c.label, detail: c.detail, command: c.command })),
        {
          title: `Forced command on ${node?.host ?? 'the downstream'}`,
          placeHolder: 'What the downstream runs when signalled',
        },
      );
      if (!command) return;
      const from = machineAddresses(os.networkInterfaces())
        .map((a) => a.address)
        .join(',');
      let line: string;
      try {
        line = triggerLine(publicLine, command.command, from || undefined);
      } catch (error) {
        return void vscode.window.showErrorMessage(`${keyFile}.pub cannot be used: ${(error as Error).message}`);
      }
      await vscode.env.clipboard.writeText(line);
      log.info(`authorized_keys line for ${node?.name ?? 'a downstream'} copied (key ${keyFile}.pub)`);
      void vscode.window.showInformationMessage(
        `Copied the authorized_keys line${node ? ` for ${node.name}` : ''}: restrict,command="${command.command}"${from ? `,from="${from}"` : ''} with ${keyFile}.pub. Check from= lists every address this host signals from.`,
      );
    }),
  );
}
