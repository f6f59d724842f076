import { runRules } from '../rule';
import type { LanguageService } from '../service';
import { codeLenses, complete, folding, symbols } from './features';
import { hover } from './hover';
import { ftpsyncDoc } from './model';
import { FTPSYNC_RULES } from './rules';

// The ftpsync-conf language: the file read as bash reads it when ftpsync sources it (model.ts), the
// rules, and the editor features. RSYNC_PASSWORD is compared with the upstream's secrets file but
// never copied into a message, hover, completion or symbol.

export const ftpsyncService: LanguageService = {
  id: 'ftpsync-conf',
  rules: FTPSYNC_RULES.map((r) => r.meta),
  validate: (text, ctx, options) => runRules(FTPSYNC_RULES, ftpsyncDoc(text, ctx), ctx, options?.levels),
  hover: (text, offset, ctx) => hover(ftpsyncDoc(text, ctx), offset, ctx),
  complete: (text, offset, ctx) => complete(ftpsyncDoc(text, ctx), offset, ctx),
  symbols: (text, ctx) => symbols(ftpsyncDoc(text, ctx)),
  folding: (text) => folding(ftpsyncDoc(text)),
  codeLenses: (text, ctx) => codeLenses(ftpsyncDoc(text, ctx)),
};
