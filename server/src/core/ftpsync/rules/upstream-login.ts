import type { Assignment } from '../bash/reader';
import { effective, moduleName, type FtpsyncDoc } from '../model';
import { findModule, judgeLogin, upstreamConfs, type LoginVerdict, type UpstreamModule } from '../upstream';
import type { CheckContext } from '../../types';

/** The upstream module and what its daemon decides for this config's account; only when the files tell. */
export function loginVerdict(
  doc: FtpsyncDoc,
  ctx: CheckContext,
): { module: UpstreamModule; verdict: LoginVerdict; user: Assignment; password?: Assignment } | undefined {
  const user = effective(doc, 'RSYNC_USER');
  const password = effective(doc, 'RSYNC_PASSWORD');
  const path = effective(doc, 'RSYNC_PATH');
  if (!user.value || !user.assignment || password.value === undefined || path.value === undefined) return undefined;
  if (effective(doc, 'RSYNC_SOURCE').value) return undefined;
  const module = findModule(upstreamConfs(doc, ctx), moduleName(path.value));
  if (!module) return undefined;
  return {
    module,
    verdict: judgeLogin(module, user.value, password.value, ctx),
    user: user.assignment,
    ...(password.assignment ? { password: password.assignment } : {}),
  };
}
