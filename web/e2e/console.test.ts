// End to end: the built console served by a real demo node, driven in Debian's chromium.
// A targeter works the top referral, an inspector records a seizure, the profile's finding rate
// moves, and everything reads in French. Parts whose back end this node does not serve yet are
// skipped with the missing route named; the rest runs against the real node.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { login, logout, openBrowser, screenshot, servedPaths, startConsoleNode, type Browsing, type ConsoleNode } from './console-harness.js';

const NEEDS_TARGETING = ['/api/v1/referrals', '/api/v1/referrals/{id}', '/api/v1/referrals/{id}/actions', '/api/v1/inspections', '/api/v1/inspections/{id}/result'];
const NEEDS_PROFILES = ['/api/v1/profiles', '/api/v1/profiles/{id}/stats'];

describe('analyst console in chromium', { timeout: 120_000 }, () => {
  let node: ConsoleNode;
  let b: Browsing;
  let page: Page;
  let served: Set<string>;
  const missing = (paths: string[]) => paths.filter((p) => !served.has(p));

  before(async () => {
    node = await startConsoleNode({ days: 3, perDay: 60 });
    b = await openBrowser();
    page = b.page;
    page.setDefaultTimeout(15_000);
    served = await servedPaths(node);
  });
  after(async () => {
    await b?.close();
    await node?.close();
  });

  it('refuses a wrong password and signs a targeter in', async () => {
    await page.goto(node.url + '/');
    await screenshot(page, '01-login');
    await page.fill('input[name=username]', 'targeter');
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('button[type=submit]');
    await page.waitForSelector('[role=alert]');
    await login(page, node, 'targeter');
    const who = await page.textContent('[data-testid=who]');
    assert.match(who ?? '', /targeter/);
    // A targeter sees the queue but not the audit log or the inspector's worklist only.
    assert.equal(await page.locator('[data-testid=nav-queue]').count(), 1);
    assert.equal(await page.locator('[data-testid=nav-audit]').count(), 0);
  });

  it('shows a filing: parties, goods, transport and the route on the offline map', async () => {
    await page.click('[data-testid=nav-filings]');
    await page.waitForSelector('[data-testid=filing-row]');
    await screenshot(page, '02-filings');
    await page.locator('[data-testid=filing-row]').first().click();
    await page.waitForSelector('[data-testid=parties]');
    assert.ok((await page.locator('[data-testid=parties] tbody tr').count()) > 0, 'the filing lists its parties');
    assert.ok((await page.locator('[data-testid=goods] tbody tr').count()) > 0, 'the filing lists its goods');
    await page.waitForSelector('[data-testid=route-map][data-basemap-ready=true] canvas');
    await screenshot(page, '03-filing');
  });

  it('targeter opens the top referral, reads its explanation and orders an inspection; inspector records a seizure; the finding rate changes', async (t) => {
    const gaps = missing([...NEEDS_TARGETING, ...NEEDS_PROFILES]);
    if (gaps.length > 0) {
      t.skip(`the node does not serve ${gaps.join(', ')} yet`);
      return;
    }
    await page.click('[data-testid=nav-queue]');
    await page.waitForSelector('[data-testid=queue-row]');
    await screenshot(page, '04-queue');
    await page.locator('[data-testid=queue-row]').first().click();
    await page.waitForSelector('[data-testid=explanation]');
    const explanation = await page.textContent('[data-testid=explanation]');
    assert.ok(explanation && explanation.length > 10, 'the referral explains itself');
    const profileLinks = page.locator('[data-testid=factors] a[href^="/profiles/"]');
    assert.ok((await profileLinks.count()) > 0, 'the top referral was raised by at least one profile');
    const profileHref = (await profileLinks.first().getAttribute('href')) ?? '';
    const profileId = decodeURIComponent(profileHref.replace('/profiles/', ''));
    const referralId = page.url().split('/referrals/')[1] ?? '';
    await screenshot(page, '05-referral');

    const rateBefore = await findingRate(page, profileId);
    await page.goto(`${node.url}/referrals/${referralId}`);
    await page.waitForSelector('[data-testid=action-panel]');
    await page.selectOption('[data-testid=inspection-type]', 'physical');
    await page.fill('[data-testid=action-reason]', 'Planted case: precursor chemicals on a Mexican routing');
    await page.click('[data-testid=action-order_inspection]');
    await page.waitForSelector('[data-testid=action-done]');
    await page.waitForSelector('[data-testid=action-log]');

    await logout(page);
    await login(page, node, 'inspector');
    await page.click('[data-testid=nav-inspections]');
    await page.locator(`[data-testid=inspection-row][data-referral-id="${referralId}"]`).click();
    await page.selectOption('[data-testid=outcome]', 'finding');
    await page.selectOption('[data-testid=finding-category]', 'synthetic_opioids');
    await page.fill('[data-testid=finding-description]', 'Fentanyl precursor (4-AP) in drums declared as solvent');
    await page.fill('[data-testid=finding-weight]', '412.5');
    await page.fill('[data-testid=finding-seizure]', 'SZ-2026-0042');
    await screenshot(page, '06-inspection-form');
    await page.click('[data-testid=save-result]');
    await page.waitForSelector('[data-testid=result-saved]');

    await logout(page);
    await login(page, node, 'targeter');
    const rateAfter = await findingRate(page, profileId);
    assert.notEqual(rateAfter, rateBefore, `the finding rate of ${profileId} changes after the seizure`);
    await screenshot(page, '07-profiles');
  });

  it('shows the dashboards screen to a targeter', async (t) => {
    await page.goto(node.url + '/dashboards');
    await page.waitForSelector('.card h2');
    const gaps = missing(['/api/v1/stats/daily', '/api/v1/capacity']);
    if (gaps.length === 0) await page.waitForSelector('[data-testid=chart-daily] svg');
    await screenshot(page, '08-dashboards');
    if (gaps.length > 0) t.diagnostic(`charts without data: the node does not serve ${gaps.join(', ')} yet`);
  });

  it('switches to French: labels, dates and numbers follow the locale', async () => {
    await page.click('[data-testid=nav-filings]');
    await page.waitForSelector('[data-testid=filing-row]');
    await page.click('[data-testid=lang-fr]');
    assert.equal(await page.textContent('[data-testid=nav-filings]'), 'Déclarations');
    assert.equal(await page.textContent('[data-testid=logout]'), 'Se déconnecter');
    const header = await page.textContent('[data-testid=filings] thead');
    assert.match(header ?? '', /Reçue le/);
    // French short dates read day/month/year with a space before the time.
    const received = await page.locator('[data-testid=filing-row] td').nth(3).textContent();
    assert.match(received ?? '', /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await screenshot(page, '09-filings-fr');
    await page.locator('[data-testid=filing-row]').first().click();
    await page.waitForSelector('[data-testid=parties]');
    assert.match((await page.textContent('.filing h2')) ?? '', /OPÉRATEURS|Opérateurs|Analyse/i);
    await screenshot(page, '10-filing-fr');
    await page.click('[data-testid=lang-en]');
  });

  it('gives an inspector the inspection worklist and not the queue', async () => {
    await logout(page);
    await login(page, node, 'inspector');
    assert.equal(await page.locator('[data-testid=nav-inspections]').count(), 1);
    assert.equal(await page.locator('[data-testid=nav-queue]').count(), 0);
    await logout(page);
  });
});

async function findingRate(page: Page, profileId: string): Promise<string> {
  await page.click('[data-testid=nav-profiles]');
  const cell = page.locator(`[data-testid=profile-row][data-profile-id="${profileId}"] [data-testid=finding-rate]`);
  await cell.waitFor();
  // Statistics load per profile after the list; wait until this one has its figure.
  // Source text, not a function: tsx's __name helper does not exist inside the page.
  const selector = `[data-testid=profile-row][data-profile-id="${profileId}"] [data-testid=finding-rate]`;
  await page.waitForFunction(`(() => { const el = document.querySelector(${JSON.stringify(selector)}); return !!el && el.textContent !== '…'; })()`);
  return (await cell.textContent()) ?? '';
}
