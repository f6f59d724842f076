import * as vscode from 'vscode';
import { detectDaemonStart } from '../engine/daemon/detect';
import { showDaemonStart, SHOW_DAEMON_START } from './daemonStart';
import { OPEN_FILE, openWalkthroughFile, trackOpenedFiles } from './open';

// The two walkthroughs (package.json `contributes.walkthroughs`, pages in media/walkthrough): the
// commands their steps run that no other feature has, and the context keys that tick their steps.

function daemonConfigs(): string[] {
  return detectDaemonStart('/')
    .starters.filter((s) => s.active)
    .map((s) => s.config);
}

export function registerWalkthrough(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_DAEMON_START, () => showDaemonStart(log)),
    vscode.commands.registerCommand(OPEN_FILE, (kind?: unknown) =>
      // The rsyncd.conf a running daemon reads comes first: that is the one that matters.
      openWalkthroughFile(kind, kind === 'rsyncdConf' ? daemonConfigs() : []),
    ),
  );
  trackOpenedFiles(context);
}
