// Architectures a mirror was configured with (`Architectures-Configuration`) against those it serves
// (`Architectures`), as the checker shows them side by side ("C:" and "R:"). ftpsync writes the
// configuration from ARCH_INCLUDE / ARCH_EXCLUDE split on blanks only, and the served list from the
// index files it really has, so a filter that went wrong shows up as a difference.

export type ArchConfig =
  { mode: 'ALL' } | { mode: 'INCLUDE' | 'EXCLUDE'; archs: string[] } | { mode: 'unknown'; text: string };

export function parseArchConfig(value: string): ArchConfig {
  const words = value.trim().split(/\s+/).filter(Boolean);
  const head = words[0]?.toUpperCase();
  if (head === 'ALL' && words.length === 1) return { mode: 'ALL' };
  if (head === 'INCLUDE' || head === 'EXCLUDE') return { mode: head, archs: words.slice(1) };
  return { mode: 'unknown', text: value };
}

export function parseArchList(value: string): string[] {
  return value.trim().split(/\s+/).filter(Boolean);
}

export interface ArchProblem {
  /** `warning`: the filter did not do what the configuration says; `info`: a policy question. */
  level: 'warning' | 'info';
  message: string;
}

/** What does not add up between the configuration and what is served. */
export function compareArchitectures(config: ArchConfig, served: readonly string[] | undefined): ArchProblem[] {
  const problems: ArchProblem[] = [];
  if (config.mode === 'INCLUDE' || config.mode === 'EXCLUDE') {
    const comma = config.archs.filter((a) => a.includes(','));
    if (comma.length)
      problems.push({
        level: 'warning',
        message: `the ARCH_${config.mode} list has commas (${comma.join(' ')}): ftpsync splits it on blanks only, so it filtered for an architecture named "${comma[0]}"`,
      });
  }
  if (!served) return problems;
  const servedSet = new Set(served);
  if (config.mode === 'INCLUDE') {
    const wanted = new Set(config.archs.flatMap((a) => a.split(',')).filter(Boolean));
    const extra = served.filter((a) => a !== 'all' && !wanted.has(a));
    const missing = [...wanted].filter((a) => a !== 'all' && !servedSet.has(a));
    if (extra.length)
      problems.push({
        level: 'warning',
        message: `serves ${extra.join(', ')} although configured to include only ${[...wanted].join(', ')}`,
      });
    if (missing.length)
      problems.push({ level: 'warning', message: `configured to include ${missing.join(', ')} but does not serve it` });
  } else if (config.mode === 'EXCLUDE') {
    const excluded = config.archs.flatMap((a) => a.split(',')).filter(Boolean);
    const leaked = excluded.filter((a) => servedSet.has(a));
    if (leaked.length)
      problems.push({ level: 'warning', message: `serves ${leaked.join(', ')} although configured to exclude it` });
  }
  if (served.length && !servedSet.has('source'))
    problems.push({ level: 'info', message: 'serves no source: a public Debian mirror must carry `source`' });
  return problems;
}
