import type { HostTree } from './host';

// xinetd(8) service blocks, enough to find the one that starts rsync: `service NAME { attr = value }`
// in /etc/xinetd.conf and the `includedir` directories (Debian: /etc/xinetd.d), whose files are
// skipped when their name contains a dot or ends in `~` (xinetd.conf(5)). `disable = yes` and the
// `disabled` list of `defaults` turn a service off.

export interface XinetdService {
  name: string;
  file: string;
  /** 1-based line of `service NAME`. */
  line: number;
  attrs: Record<string, string>;
  disabledBy?: string;
}

const XINETD_CONF = '/etc/xinetd.conf';

function parseBlocks(
  text: string,
  file: string,
): { blocks: XinetdService[]; includeDirs: string[]; disabled: string[] } {
  const blocks: XinetdService[] = [];
  const includeDirs: string[] = [];
  const disabled: string[] = [];
  let current: XinetdService | undefined;
  let inDefaults = false;
  let pendingName: { name: string; line: number } | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const include = /^includedir\s+(\S+)/.exec(line);
    if (include && !current && !inDefaults) return void includeDirs.push(include[1]);
    const service = /^service\s+(\S+)\s*(\{)?$/.exec(line);
    if (service && !current && !inDefaults) {
      pendingName = { name: service[1], line: i + 1 };
      if (service[2]) current = { name: service[1], file, line: i + 1, attrs: {} };
      return;
    }
    if (/^defaults\s*(\{)?$/.test(line)) return void (inDefaults = true);
    if (line === '{') {
      if (pendingName && !current) current = { name: pendingName.name, file, line: pendingName.line, attrs: {} };
      return;
    }
    if (line === '}') {
      if (current) blocks.push(current);
      current = undefined;
      pendingName = undefined;
      inDefaults = false;
      return;
    }
    const attr = /^(\S+)\s*([+-]?=)\s*(.*)$/.exec(line);
    if (!attr) return;
    if (inDefaults && attr[1] === 'disabled') disabled.push(...attr[3].split(/\s+/));
    else if (current)
      current.attrs[attr[1]] =
        attr[2] === '+=' && current.attrs[attr[1]] ? `${current.attrs[attr[1]]} ${attr[3]}` : attr[3];
  });
  return { blocks, includeDirs, disabled };
}

export function readXinetd(tree: HostTree): XinetdService[] {
  const main = tree.read(XINETD_CONF);
  const services: XinetdService[] = [];
  const disabled: string[] = [];
  const dirs: string[] = [];
  if (main !== undefined) {
    const parsed = parseBlocks(main, XINETD_CONF);
    services.push(...parsed.blocks);
    disabled.push(...parsed.disabled);
    dirs.push(...parsed.includeDirs);
  } else if (tree.isDirectory('/etc/xinetd.d')) dirs.push('/etc/xinetd.d');
  for (const dir of dirs)
    for (const name of tree.list(dir).filter((n) => !n.includes('.') && !n.endsWith('~'))) {
      const text = tree.read(`${dir}/${name}`);
      if (text !== undefined) services.push(...parseBlocks(text, `${dir}/${name}`).blocks);
    }
  for (const s of services) {
    if (/^(yes|true)$/i.test(s.attrs.disable ?? '')) s.disabledBy = `\`disable = ${s.attrs.disable}\``;
    else if (disabled.includes(s.name)) s.disabledBy = `\`disabled = ${s.name}\` in ${XINETD_CONF}`;
  }
  return services;
}
