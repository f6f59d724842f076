// Writes the walkthroughs' pictures, media/walkthrough/<step>.svg: one diagram of push mirroring
// (the upstream's files and daemon, the ssh signal, the downstream's files, the rsync pull) with the
// parts a step is about drawn in the theme's link colour. Colours are the workbench's CSS variables,
// which walkthrough SVGs may use, so the pictures follow the theme. A unit test fails when a
// committed picture is out of date: run `node --import tsx scripts/walkthrough-media.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';

type Part = 'rsyncd' | 'daemon' | 'key' | 'mirror' | 'log' | 'authkeys' | 'ftpsync' | 'archive' | 'signal' | 'pull';

interface Box {
  x: number;
  y: number;
  label: string;
  note: string;
}

const BOXES: Record<Exclude<Part, 'signal' | 'pull'>, Box> = {
  rsyncd: { x: 24, y: 52, label: 'rsyncd.conf', note: 'modules · auth users · secrets' },
  daemon: { x: 24, y: 100, label: 'rsync daemon', note: 'inetd · systemd · xinetd' },
  key: { x: 24, y: 148, label: 'trigger key', note: '~/.ssh/pushmirror' },
  mirror: { x: 24, y: 196, label: 'runmirrors.mirror', note: 'one line per downstream' },
  log: { x: 24, y: 244, label: 'runmirrors log', note: 'who was signalled' },
  ftpsync: { x: 296, y: 100, label: 'ftpsync.conf', note: 'RSYNC_HOST · RSYNC_USER' },
  archive: { x: 296, y: 148, label: 'archive + log', note: 'what ftpsync fetched' },
  authkeys: { x: 296, y: 196, label: 'authorized_keys', note: 'restrict,command="ftpsync"' },
};

const W = 172;
const H = 38;

/** Which parts each step is about, by the step id in package.json's walkthroughs. */
export const STEP_PARTS: Readonly<Record<string, readonly Part[]>> = {
  'upstream.rsyncd': ['rsyncd'],
  'upstream.daemon': ['daemon'],
  'upstream.account': ['rsyncd'],
  'upstream.key': ['key'],
  'upstream.list': ['mirror'],
  'upstream.signal': ['mirror', 'key', 'signal', 'authkeys'],
  'upstream.tail': ['log'],
  'downstream.authorizedKeys': ['authkeys', 'signal'],
  'downstream.ftpsync': ['ftpsync'],
  'downstream.watch': ['pull', 'daemon', 'archive'],
};

// Presentation attributes, not a <style> element: the walkthrough shows an SVG under a content security
// policy that only lets its own stylesheet in. Attributes may use the workbench's CSS variables.
const ON = 'var(--vscode-textLink-foreground)';
const OFF = 'var(--vscode-descriptionForeground)';
const TEXT = 'var(--vscode-foreground)';

function box(b: Box, on: boolean): string {
  const colour = on ? ON : OFF;
  return (
    `<rect x="${b.x}" y="${b.y}" width="${W}" height="${H}" rx="5" fill="${colour}" fill-opacity="${on ? 0.14 : 0.04}" stroke="${colour}" stroke-width="${on ? 2 : 1}"/>` +
    `<text x="${b.x + 10}" y="${b.y + 16}" font-size="13"${on ? ` font-weight="600" fill="${TEXT}"` : ''}>${b.label}</text>` +
    `<text x="${b.x + 10}" y="${b.y + 31}" font-size="10.5">${b.note.replace(/"/g, '&quot;')}</text>`
  );
}

function arrow(d: string, label: string, lx: number, ly: number, on: boolean): string {
  const colour = on ? ON : OFF;
  return (
    `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${on ? 2 : 1}"${on ? '' : ' stroke-dasharray="4 3"'} marker-end="url(#${on ? 'on' : 'off'})"/>` +
    `<text x="${lx}" y="${ly}" font-size="11" text-anchor="middle"${on ? ` fill="${TEXT}"` : ''}>${label}</text>`
  );
}

export function renderStepSvg(step: string): string {
  const parts = new Set(STEP_PARTS[step] ?? []);
  const markers = ['on', 'off']
    .map(
      (id) =>
        `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="${id === 'on' ? ON : OFF}"/></marker>`,
    )
    .join('');
  return [
    // Text takes the description colour from the root unless a part is highlighted.
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 492 300" font-family="var(--vscode-font-family, sans-serif)" fill="${OFF}">`,
    `<defs>${markers}</defs>`,
    `<g fill="none" stroke="${OFF}" stroke-opacity="0.5"><rect x="12" y="8" width="196" height="284" rx="8"/><rect x="284" y="8" width="196" height="284" rx="8"/></g>`,
    `<g font-size="14" font-weight="600" fill="${TEXT}"><text x="24" y="32">upstream</text><text x="296" y="32">downstream</text></g>`,
    ...Object.entries(BOXES).map(([id, b]) => box(b, parts.has(id as Part))),
    arrow('M198 215 H292', 'ssh signal', 245, 208, parts.has('signal')),
    arrow('M198 119 H292', 'rsync', 245, 112, parts.has('pull')),
    '</svg>',
    '',
  ].join('\n');
}

export const mediaPath = (step: string) => `media/walkthrough/${step.replace('.', '-')}.svg`;

if (require.main === module) {
  mkdirSync(new URL('../media/walkthrough', `file://${__filename}`), { recursive: true });
  for (const step of Object.keys(STEP_PARTS))
    writeFileSync(new URL(`../${mediaPath(step)}`, `file://${__filename}`), renderStepSvg(step));
}
