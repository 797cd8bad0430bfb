// The Sandbox screen in real Chromium against the production build, offline, on a phone and on a
// desktop: the lesson's lab in the terminal, the picture and events reacting to a deleted pod, a
// stopped scheduler leaving a new pod Pending, and the whole sandbox surviving a reload.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { hasHorizontalScroll, newContext, startHarness, waitForController, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** Completion answers from the worker, so wait for the field to change rather than reading it at once. */
async function inputBecomes(field: Locator, value: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await field.inputValue()) !== value && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(await field.inputValue(), value);
}

/** Types a command, presses Enter and returns what it printed. */
async function run(page: Page, line: string): Promise<string> {
  const before = await page.locator('[role=log] pre.input').count();
  const field = page.getByRole('textbox', { name: 'Command' });
  await field.fill(line);
  await field.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[role=log] pre.input').length > n, before, {
    timeout: 30_000,
  });
  return lastOutput(page);
}

async function lastOutput(page: Page): Promise<string> {
  return page.evaluate(() => {
    const pres = [...document.querySelectorAll('[role=log] pre')];
    const last = pres.map((p) => p.classList.contains('input')).lastIndexOf(true);
    return pres
      .slice(last + 1)
      .map((p) => p.textContent ?? '')
      .join('\n');
  });
}

/** Names of the pods drawn in the picture whose name starts with `prefix`, with their status. */
async function drawnPods(page: Page, prefix: string, where = 'figure'): Promise<string[]> {
  return page.evaluate(
    ([p, w]) =>
      [...document.querySelectorAll(`${w} li.pod`)]
        .map(
          (li) =>
            `${li.querySelector('.pod-name')?.textContent ?? ''} ${li.querySelector('.pod-status')?.textContent ?? ''}`,
        )
        .filter((t) => t.startsWith(p)),
    [prefix, where] as const,
  );
}

async function waitForPods(
  page: Page,
  prefix: string,
  test: (pods: string[]) => boolean,
  what: string,
): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const pods = await drawnPods(page, prefix);
    if (test(pods)) return pods;
    await page.waitForTimeout(200);
  }
  assert.fail(`timed out waiting for ${what}; drawn: ${(await drawnPods(page, prefix)).join(', ')}`);
}

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

describe('sandbox screen offline', () => {
  for (const vp of VIEWPORTS) {
    it(`runs the lesson lab, reacts to faults and survives a reload (${vp.name} ${vp.width}x${vp.height})`, async () => {
      const ctx = await newContext(h, { width: vp.width, height: vp.height });
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(h.url + '/');
      await waitForController(page);
      await ctx.setOffline(true);
      await page.goto(h.url + '/#/sandbox');
      await page.getByRole('heading', { name: 'Sandbox', level: 1 }).waitFor();
      await page.getByText('No cluster yet').waitFor();
      assert.equal(await page.getByRole('log').getAttribute('aria-live'), 'polite');

      // The lesson's lab.
      const created = await run(page, 'kind create cluster --name k8s-intro');
      assert.match(created, /Set kubectl context to "kind-k8s-intro"/);
      const nodes = await run(page, 'kubectl get nodes');
      assert.match(nodes, /^NAME {22}STATUS {3}ROLES {11}AGE {3}VERSION$/m);
      assert.match(nodes, /^k8s-intro-control-plane {3}Ready {4}control-plane {3}\d+s {3}v1\.30\.0$/m);
      const pods = await run(page, 'kubectl get pods -A');
      assert.match(pods, /^NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE$/m);
      for (const p of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'])
        assert.match(pods, new RegExp(`^kube-system +${p}-k8s-intro-control-plane +1/1 +Running +0 +\\d+s$`, 'm'));
      assert.match(
        await run(page, 'kubectl create deployment web --image=nginx --replicas=2'),
        /^deployment\.apps\/web created$/m,
      );
      await waitForPods(
        page,
        'web-',
        (p) => p.length === 2 && p.every((x) => x.endsWith('Running')),
        'two Running web pods',
      );
      const web = await run(page, 'kubectl get pods -l app=web');
      assert.match(web, /^NAME +READY +STATUS +RESTARTS +AGE$/m);
      const names = [...web.matchAll(/^(web-[a-z0-9]+-[a-z0-9]+) +1\/1 +Running/gm)].map((m) => m[1] ?? '');
      assert.equal(names.length, 2, web);
      // YAML output needs the YAML library, which the worker loads on demand (offline too).
      const yaml = await run(page, 'kubectl get deployment web -o yaml | head -2');
      assert.match(yaml, /^apiVersion: apps\/v1$/m);
      assert.match(yaml, /^kind: Deployment$/m);
      // So do kubectl's describers and the JSONPath parser (--sort-by): chunks of their own.
      const described = await run(page, `kubectl describe pod ${names[0] ?? ''}`);
      assert.match(described, /^Status: +Running$/m);
      assert.match(described, /^Events:$/m);
      const sorted = await run(page, 'kubectl get pods -l app=web --sort-by=.metadata.name -o name');
      assert.deepEqual(sorted.trim().split('\n').sort(), names.map((n) => `pod/${n}`).sort());
      // And rollout, whose work is in the kubectl chunk with get's and create's.
      assert.match(
        await run(page, 'kubectl rollout status deployment/web'),
        /deployment "web" successfully rolled out/,
      );
      // Again, so it is the last command for the history check below.
      assert.equal(await run(page, 'kubectl get deployment web -o yaml | head -2'), yaml);

      // History and completion from the keyboard.
      const field = page.getByRole('textbox', { name: 'Command' });
      await field.press('ArrowUp');
      assert.equal(await field.inputValue(), 'kubectl get deployment web -o yaml | head -2');
      await field.fill('kubectl descr');
      await field.press('Tab');
      await inputBecomes(field, 'kubectl describe ');
      await field.fill('kubectl get deplo');
      await field.press('Tab');
      await inputBecomes(field, 'kubectl get deploy');
      await page.getByRole('group', { name: 'Completions' }).getByRole('button', { name: 'deployments' }).click();
      await inputBecomes(field, 'kubectl get deployments ');
      await field.fill('');

      // Delete a pod: the ReplicaSet controller makes a replacement, drawn and in the events.
      const victim = names[0] ?? '';
      assert.match(await run(page, `kubectl delete pod ${victim}`), new RegExp(`pod "${victim}" deleted`));
      const after = await waitForPods(
        page,
        'web-',
        (p) => p.length === 2 && !p.some((x) => x.startsWith(`${victim} `)) && p.every((x) => x.endsWith('Running')),
        'a Running replacement pod',
      );
      const replacement = (after.map((x) => x.split(' ')[0] ?? '').find((n) => !names.includes(n)) ?? '').trim();
      assert.ok(replacement, 'a new pod name');
      const event = await page.waitForFunction(
        (name) =>
          [...document.querySelectorAll('.timeline li')]
            .map((li) => li.textContent ?? '')
            .find((t) => t.includes(`Created pod: ${name}`)),
        replacement,
      );
      assert.match(
        String(await event.jsonValue()),
        /SuccessfulCreate\s*replicaset\/web-[a-z0-9]+\s*from replicaset-controller/,
      );

      // Stop the scheduler: a new pod stays Pending, even with time running fast.
      await page.getByRole('button', { name: 'Stop kube-scheduler' }).click();
      await page.locator('figcaption', { hasText: 'kube-scheduler stopped' }).waitFor();
      assert.match(await lastOutput(page), /kube-scheduler stopped/);
      await run(page, 'kubectl scale deployment web --replicas=3');
      await page.getByRole('button', { name: '10x' }).click();
      await page.locator('.pending li.pod', { hasText: 'Pending' }).waitFor();
      await page.waitForTimeout(2000);
      const pending = await drawnPods(page, 'web-', '.pending');
      assert.equal(pending.length, 1);
      assert.match(pending[0] ?? '', / Pending$/);
      assert.match(
        await run(page, 'kubectl get pods -l app=web'),
        /^web-[a-z0-9]+-[a-z0-9]+ +0\/1 +Pending +0 +\d+s$/m,
      );
      assert.equal(await hasHorizontalScroll(page), false, 'no horizontal page scroll');

      // Everything is still there after a reload (offline).
      await page.reload();
      await page.getByText('Your sandbox was restored.').waitFor();
      await page.locator('figcaption', { hasText: 'kube-scheduler stopped' }).waitFor();
      assert.match(await page.getByRole('log').innerText(), /deployment\.apps\/web created/);
      await page.getByText(/^History \(\d+\)$/).click();
      assert.ok(
        await page
          .getByRole('button', { name: 'kubectl create deployment web --image=nginx --replicas=2' })
          .isVisible(),
      );
      await page.getByRole('textbox', { name: 'Command' }).press('ArrowUp');
      assert.equal(await page.getByRole('textbox', { name: 'Command' }).inputValue(), 'kubectl get pods -l app=web');
      assert.equal(await hasHorizontalScroll(page), false, 'no horizontal page scroll after reload');
      await page.setViewportSize({ width: 360, height: 740 });
      assert.equal(await hasHorizontalScroll(page), false, 'no horizontal page scroll at 360 px');
      assert.deepEqual(errors, []);
      await ctx.close();
    });
  }
});
