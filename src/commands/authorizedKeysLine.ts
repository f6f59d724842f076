import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { pickDownstream } from '../downstreams/prompts';
import { allDownstreams, type ListNode } from '../engine/inventory/model';
import { suggestFrom, targetOf, type FromSuggestion } from '../engine/keys/fromSuggestion';
import { DEFAULT_KEY_FILE, expandHome } from '../engine/keys/keyFile';
import { COMMAND_CHOICES, machineAddresses, triggerLine } from '../engine/keys/trigger';
import { loadSshConfig } from '../engine/ssh/sshConfig';
import { isDownstreamNode } from '../logs/downstreamSources';
import { readSignalConfig } from './signalUi';

// "Copy authorized_keys line" on a downstream: the line its admin pastes, for the key this host
// signals it with (pushmirror.yaml keyFile, else runmirrors' KEYFILE, else ~/.ssh/pushmirror), with
// from= set to the address that downstream sees this host connect from (the route's source address).

const t = vscode.l10n.t;

export function registerAuthorizedKeysLineCommand(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  view: { model(): Promise<readonly ListNode[]> },
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('pushMirror.copyAuthorizedKeysLine', async (arg?: unknown) => {
      // From the palette: pick one of the view's downstreams; with none, a line for "a downstream".
      const lists = await view.model();
      const node = isDownstreamNode(arg)
        ? arg
        : allDownstreams(lists).some((n) => n.type !== 'none')
          ? await pickDownstream(lists, t('Copy the authorized_keys line for which downstream?'))
          : undefined;
      if (!node && !isDownstreamNode(arg) && allDownstreams(lists).some((n) => n.type !== 'none')) return;
      const keyFile = expandHome(
        node?.inventory?.keyFile ?? readSignalConfig().keyFile ?? node?.settings?.keyFile ?? DEFAULT_KEY_FILE,
      );
      let publicLine: string;
      try {
        publicLine = fs.readFileSync(`${keyFile}.pub`, 'utf8').trim();
      } catch {
        const generate = { title: t('Generate Trigger Key…') };
        const answer = await vscode.window.showWarningMessage(
          t('No public key at {0}. Generate the trigger key first.', `${keyFile}.pub`),
          generate,
        );
        if (answer === generate) await vscode.commands.executeCommand('pushMirror.generateTriggerKey', node);
        return;
      }
      const command = await vscode.window.showQuickPick(
        COMMAND_CHOICES.map((c) => ({ label: c.label, detail: c.detail(t), command: c.command })),
        {
          title:
            node?.host || node?.name
              ? t('Forced command on {0}', (node.host ?? node.name)!)
              : t('Forced command on the downstream'),
          placeHolder: t('What the downstream runs when signalled'),
        },
      );
      if (!command) return;
      const target = node && targetOf(node, loadSshConfig());
      const name = node?.name ?? t('the downstream');
      const from: FromSuggestion = target
        ? await suggestFrom(target, os.networkInterfaces(), undefined, t)
        : {
            from: machineAddresses(os.networkInterfaces())
              .map((a) => a.address)
              .join(','),
            why: node
              ? t("{0} has no host; this host's interface addresses instead", node.name)
              : t("no downstream chosen; this host's interface addresses instead"),
            fromRoutes: false,
          };
      let line: string;
      try {
        line = triggerLine(publicLine, command.command, from.from || undefined);
      } catch (error) {
        return void vscode.window.showErrorMessage(
          t('{0} cannot be used: {1}', `${keyFile}.pub`, (error as Error).message),
        );
      }
      await vscode.env.clipboard.writeText(line);
      log.info(`authorized_keys line for ${name} copied (key ${keyFile}.pub; from=${from.from}: ${from.why})`);
      const shown = from.from ? `from= ${from.from} (${from.why})` : t('no from= ({0})', from.why);
      // from= first: a toast shows one line, and from= is what the admin must check.
      const message = t(
        'Copied the authorized_keys line for {0}: {1}; {2} with {3}.',
        name,
        shown,
        `restrict,command="${command.command}"`,
        `${keyFile}.pub`,
      );
      if (from.fromRoutes) void vscode.window.showInformationMessage(message);
      else
        void vscode.window.showWarningMessage(`${message} ${t('Check that from= lists the address {0} sees.', name)}`);
    }),
  );
}
