import * as vscode from 'vscode';
import { setting } from '../config';
import { describeResult, signalled, worstStatus, type SignalResult } from '../engine/ssh/fanout';

// The dialogs of the signal commands: the unknown-host question (worded like ssh's, with the SHA256
// fingerprint), the settings, and the end-of-run summary.

export interface SignalConfig {
  concurrency: number;
  timeoutSeconds: number;
  connectTimeoutSeconds: number;
  knownHostsFile?: string;
  keyFile?: string;
  useAgent: boolean;
}

export function readSignalConfig(): SignalConfig {
  const knownHostsFile = setting('signalKnownHostsFile');
  const keyFile = setting('signalKeyFile');
  return {
    concurrency: setting('signalConcurrency'),
    timeoutSeconds: setting('signalTimeoutSeconds'),
    connectTimeoutSeconds: setting('signalConnectTimeoutSeconds'),
    ...(knownHostsFile ? { knownHostsFile } : {}),
    ...(keyFile ? { keyFile } : {}),
    useAgent: setting('signalUseAgent'),
  };
}

/** ssh's own question, as a modal: remember (hashed), trust for this run only, or refuse. */
export async function askUnknownHost(
  host: string,
  port: number,
  fingerprint: string,
  keyType: string,
): Promise<boolean | 'once'> {
  const who = port === 22 ? host : `[${host}]:${port}`;
  const remember = 'Trust and Remember';
  const once = 'Trust Once';
  const answer = await vscode.window.showWarningMessage(
    `The authenticity of host '${who}' can't be established.`,
    {
      modal: true,
      detail: `${keyType} key fingerprint is ${fingerprint}.\n\nCompare it with the downstream's admin (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) before trusting it.`,
    },
    remember,
    once,
  );
  return answer === remember ? true : answer === once ? 'once' : false;
}

export function showSummary(title: string, results: readonly SignalResult[], log: vscode.LogOutputChannel): void {
  const byName = new Map<string, SignalResult[]>();
  for (const r of results) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  const bad = [...byName].filter(([, rs]) => !rs.every(signalled));
  for (const [name, rs] of byName) log.info(`${name}: ${worstStatus(rs)} — ${rs.map(describeResult).join('; ')}`);
  const summary = `${title}: ${byName.size - bad.length} of ${byName.size} signalled`;
  if (!bad.length) return void vscode.window.showInformationMessage(summary);
  const detail = bad
    .slice(0, 5)
    .map(
      ([name, rs]) =>
        `${name}: ${worstStatus(rs)}${rs.find((r) => r.message)?.message ? ` (${rs.find((r) => r.message)!.message})` : ''}`,
    )
    .join('; ');
  void vscode.window
    .showWarningMessage(`${summary}. ${detail}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}`, 'Show Log')
    .then((a) => a && log.show(true));
}
