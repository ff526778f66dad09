// The built app runs under its Content-Security-Policy (vite.config.ts): no violations while the
// samplers run, inline script is refused, and ETD's Sinkhorn runs on the WebAssembly SIMD kernels.
import { assert, openApp, readIteration, sel } from '../../src/bench/appPage.mjs';

export async function runsUnderItsContentSecurityPolicy({ page, baseUrl, errors }) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  await openApp(page, baseUrl, { n: 60 });
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert(policy && policy.includes("script-src 'self' 'wasm-unsafe-eval'"), `no strict policy in the page: ${policy}`);
  await page.click(sel.play);
  await page.waitForTimeout(2500);
  await page.click(sel.play);
  assert((await readIteration(page)) > 0, 'the samplers did not step under the policy');
  const reason = await page.getAttribute('[data-testid="backend"]', 'title');
  assert(/WebAssembly SIMD/.test(reason ?? ''), `Sinkhorn is not on the SIMD kernels: ${reason}`);
  // An injected inline script must not run.
  const ran = await page.evaluate(() => {
    window.__inlineRan = false;
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.appendChild(s);
    return window.__inlineRan;
  });
  assert(ran === false, 'an inline script ran: the policy is not enforced');
  const violations = await page.evaluate(() => window.__cspViolations);
  // The one expected violation is the inline script this test injected.
  const unexpected = violations.filter((v) => !v.startsWith('script-src-elem: inline'));
  assert(unexpected.length === 0, `policy violations while running:\n${unexpected.join('\n')}`);
  const others = errors.filter((e) => !/Content Security Policy/.test(e));
  assert(others.length === 0, `console/page errors:\n${others.join('\n')}`);
}
