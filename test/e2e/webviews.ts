import type { Workbench } from './harness';

/**
 * Lets webviews (the Markdown preview, walkthrough media) load. VS Code serves a webview's page and
 * resources through a service worker, and Playwright's request interception (the harness's
 * `context.route` that aborts off-machine requests) leaves those frames empty. This replaces the
 * interception by a recorder: every request that is not loopback still lands in `vs.blocked`, so
 * `assertOffline()` keeps failing the test on it, and Chromium's host resolver rules (see the
 * harness) still resolve nothing but loopback, so such a request cannot leave the machine.
 */
export async function allowWebviews(vs: Workbench): Promise<void> {
  const context = vs.page.context();
  await context.unrouteAll();
  context.on('request', (request) => {
    const url = request.url();
    // Webview resources use this placeholder host; the service worker answers them locally.
    if (/^(blob:|data:|https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/)/.test(url)) return;
    if (/^https:\/\/[^/]*\.vscode-resource\.vscode-cdn\.net\//.test(url)) return;
    vs.blocked.push(url);
  });
}
