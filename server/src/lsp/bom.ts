import type { Fix, Problem } from '../core/types';

// VS Code keeps a file's UTF-8 byte order mark out of the document text (the encoding "UTF-8 with BOM"),
// but rsync, sshd and runmirrors read it, and it is a real trap (a first header or key that is never
// recognised). The session validates the text with the mark put back, then maps the problems onto the
// text the editor has, one character earlier.

const HINT =
  ' The editor does not show the mark: use "Change File Encoding" → "Save with Encoding" → "UTF-8" to remove it.';

/** `problems` of `'\uFEFF' + text`, placed in `text`. A fix that edits the mark itself is dropped: only saving with another encoding removes it. */
export function problemsWithoutBom(problems: readonly Problem[], text: string): Problem[] {
  const firstLineEnd = text.search(/\r?\n|$/);
  return problems.map((p) => {
    const aboutMark = p.start === 0;
    const start = Math.max(0, p.start - 1);
    // A problem on the mark alone would be an empty range: underline the first line instead.
    const end = aboutMark && p.end <= 1 ? firstLineEnd : Math.max(start, p.end - 1);
    const fixes = p.fixes
      ?.filter((f) => f.edits.every((e) => e.start >= 1))
      .map((f): Fix => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: e.start - 1, end: e.end - 1 })) }));
    const { fixes: _dropped, ...rest } = p;
    return {
      ...rest,
      start,
      end,
      message: aboutMark ? p.message + HINT : p.message,
      ...(fixes?.length ? { fixes } : {}),
    };
  });
}
