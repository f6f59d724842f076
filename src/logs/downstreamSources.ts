import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DownstreamNode } from '../engine/inventory/model';
import { expandHome } from '../engine/keys/keyFile';
import { defaultKnownHostsFiles, KnownHosts } from '../engine/knownHosts/knownHosts';
import { RemoteTail } from '../engine/logs/remote';
import { KeyCache } from '../engine/ssh/connect';
import { openSession } from '../engine/ssh/session';
import { resolveSettings } from '../engine/ssh/settings';
import { loadSshConfig } from '../engine/ssh/sshConfig';
import { askUnknownHosts, readSignalConfig } from '../commands/signalUi';
import { localSource, type TailSettings, type TailSource } from './tailManager';

// What "Tail Log" on a downstream can follow: runmirrors' push log for it on this host, and the
// downstream's own sync log over ssh, with the separate log identity from pushmirror.yaml and the
// same host key checks as a signal.

const t = vscode.l10n.t;

export function isDownstreamNode(arg: unknown): arg is DownstreamNode {
  return (
    !!arg &&
    typeof arg === 'object' &&
    (arg as { kind?: unknown }).kind === 'downstream' &&
    typeof (arg as { name?: unknown }).name === 'string'
  );
}

export function downstreamSources(node: DownstreamNode, settings: () => TailSettings): TailSource[] {
  const sources: TailSource[] = [];
  if (node.logFile && fs.existsSync(node.logFile)) {
    sources.push({
      ...localSource(node.logFile, settings),
      label: `${node.name} — ${t('runmirrors log')} (${node.logFile})`,
    });
  }
  const log = node.inventory?.log;
  const host = log?.host ?? node.inventory?.host ?? node.host;
  if (log && host) sources.push(remoteSource(node, { ...log, host }, settings));
  return sources;
}

interface RemoteLog {
  path: string;
  host: string;
  user?: string;
  port?: number;
  identityFile?: string;
}

function remoteSource(node: DownstreamNode, log: RemoteLog, settings: () => TailSettings): TailSource {
  const user = log.user ?? node.inventory?.user ?? node.user;
  const where = `${user ? `${user}@` : ''}${log.host}${log.port ? `:${log.port}` : ''}`;
  return {
    label: t('ftpsync log of {0} ({1} on {2})', node.name, log.path, where),
    // The tab says which host: two downstreams' ftpsync.log side by side are `ftpsync.log — eu.one`, `— eu.two`.
    fileName: `${path.posix.basename(log.path)} — ${node.name}`,
    key: `remote:${where}:${log.path}`,
    async start(listener) {
      if (!log.identityFile) {
        throw new Error(
          t(
            'set {0} for {1} in pushmirror.yaml: the trigger key cannot read logs, its forced command only starts the sync',
            '`log.identityFile`',
            node.name,
          ),
        );
      }
      const cfg = readSignalConfig();
      const knownFiles = [
        ...(node.inventory?.knownHosts ? [expandHome(node.inventory.knownHosts)] : []),
        ...(cfg.knownHostsFile ? [expandHome(cfg.knownHostsFile)] : []),
        ...defaultKnownHostsFiles(),
      ];
      const identity = expandHome(log.identityFile);
      const connection = resolveSettings(
        {
          name: node.name,
          host: log.host,
          type: 'all',
          keyFiles: [identity],
          ...(log.port ? { port: log.port } : {}),
          ...(user ? { user } : {}),
        },
        {
          sshConfig: loadSshConfig(),
          defaultKeyFile: identity,
          agent: false,
          connectTimeoutMs: cfg.connectTimeoutSeconds * 1000,
        },
      );
      const client = await openSession(connection, {
        knownHosts: new KnownHosts(knownFiles, knownFiles[0]),
        keys: new KeyCache(),
        confirmUnknownHosts: askUnknownHosts,
      });
      const tail = new RemoteTail(client, log.path, listener, { initialLines: settings().initialLines });
      try {
        await tail.start();
      } catch (error) {
        tail.stop();
        throw error;
      }
      return tail;
    },
  };
}

/** Picks among a downstream's logs, or explains how to make one available. */
export async function pickDownstreamSource(
  node: DownstreamNode,
  settings: () => TailSettings,
): Promise<TailSource | undefined> {
  const sources = downstreamSources(node, settings);
  if (!sources.length) {
    void vscode.window.showInformationMessage(
      t(
        'No log known for {0}: runmirrors has not written {1} here yet, and pushmirror.yaml names no {2} for it (a path, and an identityFile that may read it).',
        node.name,
        `${node.name}.log`,
        '`log`',
      ),
    );
    return undefined;
  }
  if (sources.length === 1) return sources[0];
  const picked = await vscode.window.showQuickPick(
    sources.map((s) => ({ label: s.label, source: s })),
    { title: t('Tail a log of {0}', node.name) },
  );
  return picked?.source;
}
