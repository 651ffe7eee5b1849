// End to end: the built console served by a real demo node, driven in Debian's chromium.
// A targeter opens the top referral, reads its explanation and orders an inspection; an
// inspector records a seizure; back as targeter the referral reads "inspected" with the seizure
// and the finding rate of the profile that raised it has moved; then everything reads in French.
// Nothing here is skipped: a missing browser or route fails the test with its name.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { login, logout, openBrowser, requireChromium, screenshot, startConsoleNode, type Browsing, type ConsoleNode } from './console-harness.js';

const SEIZURE = 'SZ-2026-0042';

describe('analyst console in chromium', { timeout: 240_000 }, () => {
  let node: ConsoleNode;
  let b: Browsing;
  let page: Page;
  // What the referral flow learns and the later steps check.
  let referralId = '';
  let profileId = '';
  let rateCanMove = false;

  before(async () => {
    requireChromium();
    // Six days of traffic at 80 a day: history with past inspections, then open referrals.
    node = await startConsoleNode({ days: 6, perDay: 80, seed: 42 });
    b = await openBrowser();
    page = b.page;
    page.setDefaultTimeout(20_000);
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
    assert.match((await page.textContent('[data-testid=who]')) ?? '', /targeter/);
    // A targeter sees the queue but not the audit log.
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

  it('targeter opens the top referral and reads its explanation: factors with reasons', async () => {
    await page.click('[data-testid=nav-queue]');
    await page.waitForSelector('[data-testid=queue-row]');
    await page.selectOption('[data-testid=filter-status]', 'open');
    // The threat filter offers the threat categories of the profiles that raised referrals.
    const threats = (await page.locator('[data-testid=filter-threat] option').allTextContents()).slice(1);
    assert.ok(threats.length > 0, 'the queue can be filtered by threat category');
    const before = await page.locator('[data-testid=queue-row]').count();
    await page.selectOption('[data-testid=filter-threat]', threats[0] ?? '');
    const filtered = await page.locator('[data-testid=queue-row]').count();
    assert.ok(filtered > 0 && filtered <= before, `threat filter keeps ${filtered} of ${before} rows`);
    await page.selectOption('[data-testid=filter-threat]', '');
    await screenshot(page, '04-queue');
    await page.locator('[data-testid=queue-row]').first().click();
    await page.waitForSelector('[data-testid=factors] [data-testid=factor]');
    const explanation = (await page.textContent('[data-testid=explanation]')) ?? '';
    assert.ok(explanation.length > 10, 'the referral explains itself');
    const reasons = await page.locator('[data-testid=factor] [data-testid=factor-reason]').allTextContents();
    assert.ok(reasons.length > 0 && reasons.every((r) => r.trim().length > 5), `every factor gives its reason: ${JSON.stringify(reasons)}`);
    await screenshot(page, '05-referral-top');

    // The finding-rate check needs a referral a risk profile raised: the highest open referral
    // whose profile's rate a seizure can still move (not already 100 %), else the highest one a
    // profile raised at all (the very top one may be a watchlist hit alone). Which referrals are
    // still open depends on the time of day the demo runs, so both cases exist.
    const rates = await profileRates(page);
    let fallback: { referralId: string; profileId: string } | null = null;
    const rowCount = async () => {
      await page.click('[data-testid=nav-queue]');
      await page.waitForSelector('[data-testid=queue-row]');
      await page.selectOption('[data-testid=filter-status]', 'open');
      return page.locator('[data-testid=queue-row]').count();
    };
    const count = await rowCount();
    for (let i = 0; i < count && !referralId; i++) {
      if (i > 0) await rowCount();
      await page.locator('[data-testid=queue-row]').nth(i).click();
      await page.waitForSelector('[data-testid=factors] [data-testid=factor]');
      const here = page.url().split('/referrals/')[1] ?? '';
      for (const href of await page.locator('[data-testid=factors] a[href^="/profiles/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
        const id = decodeURIComponent(href.replace('/profiles/', ''));
        fallback ??= { referralId: here, profileId: id };
        if (rates.get(id) !== '100%') {
          profileId = id;
          referralId = here;
          break;
        }
      }
    }
    if (!referralId && fallback) ({ referralId, profileId } = fallback);
    rateCanMove = rates.get(profileId) !== '100%';
    assert.ok(referralId && profileId);
    await page.waitForSelector('[data-testid=threats]');
    await screenshot(page, '05-referral');
  });

  let before_: ProfileFigures;
  it('targeter orders a physical inspection with a reason', async () => {
    before_ = await profileFigures(page, profileId);
    await page.goto(`${node.url}/referrals/${referralId}`);
    await page.waitForSelector('[data-testid=action-panel]');
    await page.selectOption('[data-testid=inspection-type]', 'physical');
    await page.fill('[data-testid=action-reason]', 'Profile hit on a precursor routing: physical examination of the container');
    await page.click('[data-testid=action-order_inspection]');
    await page.waitForSelector('[data-testid=action-done]');
    await page.waitForSelector('[data-testid=action-log]');
    assert.match((await page.textContent('[data-testid=action-log]')) ?? '', /order_inspection/);
    await page.waitForSelector('[data-testid=inspection-result][data-status=ordered]');
  });

  it('inspector records a seizure: category, description, weight and seizure reference', async () => {
    await logout(page);
    await login(page, node, 'inspector');
    await page.click('[data-testid=nav-inspections]');
    await page.locator(`[data-testid=inspection-row][data-referral-id="${referralId}"]`).click();
    await page.selectOption('[data-testid=outcome]', 'finding');
    await page.selectOption('[data-testid=finding-category]', 'synthetic_opioids');
    await page.fill('[data-testid=finding-description]', 'Fentanyl precursor (4-AP) in drums declared as solvent');
    await page.fill('[data-testid=finding-weight]', '412.5');
    await page.fill('[data-testid=finding-seizure]', SEIZURE);
    await screenshot(page, '06-inspection-form');
    await page.click('[data-testid=save-result]');
    await page.waitForSelector('[data-testid=result-saved]');
    assert.equal(await page.locator(`[data-testid=inspection-row][data-referral-id="${referralId}"]`).count(), 0, 'the inspection leaves the worklist');
  });

  it("targeter sees the referral inspected with the seizure, and the profile's finding rate changed", async (t) => {
    await logout(page);
    await login(page, node, 'targeter');
    await page.goto(`${node.url}/referrals/${referralId}`);
    await page.waitForSelector('[data-testid=inspection-result][data-status=completed][data-result=finding]');
    assert.equal(await page.textContent('[data-testid=seizure-reference]'), SEIZURE);
    await screenshot(page, '07-referral-inspected');
    const after_ = await profileFigures(page, profileId);
    assert.equal(after_.inspected, before_.inspected + 1, `${profileId}: one more inspected`);
    assert.equal(after_.findings, before_.findings + 1, `${profileId}: one more finding`);
    if (rateCanMove) assert.notEqual(after_.rate, before_.rate, `the finding rate of ${profileId} changes after the seizure`);
    else t.diagnostic(`every open referral's profile already had a 100 % finding rate; ${profileId} stays at ${after_.rate} with one more inspection and finding`);
    await screenshot(page, '08-profiles');
  });

  it('shows the dashboards, screening and exchange screens', async () => {
    await page.click('[data-testid=nav-dashboards]');
    await page.waitForSelector('[data-testid=chart-rates] canvas, [data-testid=chart-rates] svg');
    await page.waitForSelector('[data-testid=chart-capacity] canvas, [data-testid=chart-capacity] svg');
    // ECharts grows its bars in for a second: let it finish so the picture shows the figures.
    await page.waitForTimeout(1500);
    await screenshot(page, '09-dashboards');
    await page.click('[data-testid=nav-screening]');
    await page.fill('[data-testid=screening-form] input[name=name]', 'Korea Mining Development Trading');
    await page.click('[data-testid=screening-form] button[type=submit]');
    await page.waitForSelector('[data-testid=screening-hit]');
    assert.match((await page.locator('[data-testid=screening-hit]').first().textContent()) ?? '', /KOREA MINING DEVELOPMENT/);
    await screenshot(page, '10-screening');
  });

  it('switches to French: labels, dates and numbers follow the locale', async () => {
    await page.click('[data-testid=nav-filings]');
    await page.waitForSelector('[data-testid=filing-row]');
    await page.click('[data-testid=lang-fr]');
    assert.equal(await page.textContent('[data-testid=nav-filings]'), 'Déclarations');
    assert.equal(await page.textContent('[data-testid=logout]'), 'Se déconnecter');
    assert.match((await page.textContent('[data-testid=filings] thead')) ?? '', /Reçue le/);
    // French short dates read day/month/year with a space before the time.
    const received = await page.locator('[data-testid=filing-row] td').nth(3).textContent();
    assert.match(received ?? '', /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await screenshot(page, '11-filings-fr');
    await page.click('[data-testid=nav-queue]');
    await page.waitForSelector('[data-testid=queue-row]');
    assert.match((await page.textContent('[data-testid=queue-count]')) ?? '', /signalements sur/);
    await screenshot(page, '12-queue-fr');
    await page.goto(`${node.url}/referrals/${referralId}`);
    await page.waitForSelector('[data-testid=inspection-result]');
    await page.waitForSelector('[data-testid=route-map][data-basemap-ready=true] canvas');
    assert.match((await page.textContent('[data-testid=inspection-result]')) ?? '', /Contrôle/);
    assert.match((await page.textContent('[data-testid=inspection-result]')) ?? '', /412,5 kg/);
    await screenshot(page, '13-referral-fr');
    await page.click('[data-testid=lang-en]');
  });

  it('gives an inspector the inspection worklist and not the queue', async () => {
    await logout(page);
    await login(page, node, 'inspector');
    assert.equal(await page.locator('[data-testid=nav-inspections]').count(), 1);
    assert.equal(await page.locator('[data-testid=nav-queue]').count(), 0);
    await logout(page);
  });

  it('gives a liaison officer the exchange screen', async () => {
    await login(page, node, 'liaison');
    await page.click('[data-testid=nav-exchange]');
    // A demo node has no partner yet: the inbox, outbox and requests answer, empty.
    await page.waitForSelector('[data-testid=exchange-inbox]');
    await page.click('[data-testid=tab-outbox]');
    await page.waitForSelector('[data-testid=exchange-outbox]');
    await screenshot(page, '14-exchange');
    await logout(page);
  });
});

interface ProfileFigures {
  inspected: number;
  findings: number;
  rate: string;
}

/** Every profile's finding rate as the profiles screen shows it, once all have loaded. */
async function profileRates(page: Page): Promise<Map<string, string>> {
  await page.click('[data-testid=nav-profiles]');
  await page.waitForSelector('[data-testid=profile-row]');
  await page.waitForFunction(`(() => [...document.querySelectorAll('[data-testid=finding-rate]')].every((el) => el.textContent !== '…'))()`);
  const rows = await page.locator('[data-testid=profile-row]').evaluateAll((trs) =>
    trs.map((tr) => [tr.getAttribute('data-profile-id') ?? '', (tr.querySelector('[data-testid=finding-rate]')?.textContent ?? '').replace(/\s/g, '')]),
  );
  return new Map(rows.map(([id, rate]) => [id ?? '', rate ?? '']));
}

/** The profile's row on the profiles screen once its statistics have loaded. */
async function profileFigures(page: Page, profileId: string): Promise<ProfileFigures> {
  await page.click('[data-testid=nav-profiles]');
  const row = `[data-testid=profile-row][data-profile-id="${profileId}"]`;
  await page.locator(`${row} [data-testid=finding-rate]`).waitFor();
  // Source text, not a function: tsx's __name helper does not exist inside the page.
  await page.waitForFunction(`(() => { const el = document.querySelector(${JSON.stringify(`${row} [data-testid=finding-rate]`)}); return !!el && el.textContent !== '…'; })()`);
  const int = async (testId: string) => Number(((await page.textContent(`${row} [data-testid=${testId}]`)) ?? '').replace(/\D/g, ''));
  const rate = ((await page.textContent(`${row} [data-testid=finding-rate]`)) ?? '').replace(/\s/g, '');
  return { inspected: await int('inspected'), findings: await int('findings'), rate };
}
