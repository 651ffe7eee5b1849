// Console benchmark: the referral queue with 10,000 open referrals in Debian's chromium, read
// from the node's real queue route (GET /api/v1/referrals).
// - set-up: a small demo node, then a risk profile that refers every filing (condition `true`,
//   40 points = the yellow threshold; imported by the analyst, approved and activated by the
//   supervisor), then 10,000 generated filings through the real ingest path (node.ingest, the
//   bus, the assessment worker, targeting): every one becomes a real open referral;
// - the queue route itself: time and size of the one call the console makes (limit at its cap);
// - first meaningful paint: time from navigation start to the first rows of the queue on screen
//   (the console's own performance mark 'queue-rows-rendered'), cold and warm;
// - scrolling: frame times while a script scrolls the virtualised table top to bottom.
// Last line of stdout: one JSON object with the figures.
import { loadavg } from 'node:os';
import { systemActor } from '../src/platform/index.js';
import { generateTraffic } from '../src/app/demo/traffic-generator.js';
import { demoActor } from '../src/app/demo/demo-stages.js';
import { QUEUE_ROUTE_MAX } from '../web/src/queue/queue-model.js';
import { login, openBrowser, startConsoleNode, screenshot } from '../web/e2e/console-harness.js';

const ROWS = Number(process.env.ROWS ?? 10_000);
const RUNS = 5;

const REFER_ALL = `profiles:
  - id: bench-refer-everything
    name: Bench profile that refers every filing
    ownerAgency: DGDDI
    threat: fiscal_fraud
    condition: "true"
    action:
      points: 40
    rationale: Benchmark only - fills the referral queue through the real assessment path.
`;

const t0 = Date.now();
const node = await startConsoleNode({ days: 1, perDay: 30 });
const { node: tandem } = node.demo;
const analyst = await demoActor(tandem, 'analyst');
const supervisor = await demoActor(tandem, 'supervisor');
await tandem.profiles.importYaml(analyst, REFER_ALL);
await tandem.profiles.approve(supervisor, 'bench-refer-everything');
await tandem.profiles.activate(supervisor, 'bench-refer-everything');
const feed = systemActor(tandem.info.agency, 'bench-feed');
const targeter = await demoActor(tandem, 'targeter');
const tIngest = Date.now();
let ingested = 0;
let open = (await tandem.targeting.listQueue(targeter, { limit: QUEUE_ROUTE_MAX })).length;
// The generator's amendments and repeat references supersede earlier referrals, so filings are
// loaded in rounds until the queue holds ROWS open referrals.
for (let round = 0; open < ROWS; round++) {
  const want = Math.ceil((ROWS - open) * 1.1);
  const traffic = generateTraffic({ seed: 99 + round, baseDate: tandem.clock.now().toISOString().slice(0, 10), days: 2, perDay: Math.ceil(want / 2) }).slice(0, want);
  for (let i = 0; i < traffic.length; i += 1000) {
    // Fresh references (the demo's own traffic used the generator's numbering): no amendments of it.
    const batch = traffic.slice(i, i + 1000).map((t, j) => ({ index: i + j, value: { ...t.filing, reference: `B${round}-${t.filing.reference}` } }));
    const res = await tandem.ingest.ingest(feed, batch);
    if (res.rejected > 0) throw new Error(`bench filings rejected: ${JSON.stringify(res.errors[0])}`);
    await tandem.bus.drain();
    ingested += batch.length;
    console.log(`round ${round + 1}: ingested and assessed ${Math.min(i + 1000, traffic.length)} / ${traffic.length}`);
  }
  open = (await tandem.targeting.listQueue(targeter, { limit: QUEUE_ROUTE_MAX })).length;
  console.log(`queue: ${open} active referrals`);
}
const ingestS = (Date.now() - tIngest) / 1000;
console.log(`${ingested} filings ingested and assessed in ${ingestS.toFixed(1)} s`);

// The one call the console makes, timed from outside the browser.
const loginRes = await fetch(`${node.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'targeter', password: node.password('targeter') }) });
const loginBody: unknown = await loginRes.json();
const token = typeof loginBody === 'object' && loginBody !== null && 'token' in loginBody && typeof loginBody.token === 'string' ? loginBody.token : '';
const routeMs: number[] = [];
let routeRows = 0;
let routeBytes = 0;
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const res = await fetch(`${node.url}/api/v1/referrals?limit=${QUEUE_ROUTE_MAX}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  routeMs.push(Math.round(performance.now() - t));
  routeBytes = text.length;
  const body: unknown = JSON.parse(text);
  routeRows = typeof body === 'object' && body !== null && 'items' in body && Array.isArray(body.items) ? body.items.length : -1;
}
console.log(`GET /api/v1/referrals?limit=${QUEUE_ROUTE_MAX}: ${routeRows} rows, ${(routeBytes / 1e6).toFixed(1)} MB, ${routeMs.join(' / ')} ms`);
if (routeRows < ROWS) throw new Error(`the queue holds ${routeRows} referrals, fewer than the ${ROWS} filings that should each have opened one`);

const browsing = await openBrowser({ width: 1440, height: 900 });
const page = browsing.page;
page.setDefaultTimeout(60_000);
try {
  const source = 'node';
  await login(page, node, 'targeter');

  const paints: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto(node.url + '/queue');
    await page.waitForSelector('[data-testid=queue-row]');
    const fmp = await page.evaluate(() => performance.getEntriesByName('queue-rows-rendered')[0]?.startTime ?? -1);
    paints.push(Math.round(fmp));
    console.log(`run ${run + 1}: queue rows on screen at ${Math.round(fmp)} ms after navigation start`);
  }
  const rowsShown = await page.textContent('[data-testid=queue-count]');
  console.log(`queue: ${rowsShown}`);
  await screenshot(page, 'bench-queue');

  // Scroll the whole table at a steady pace and record every frame's duration.
  // Sent as source text: tsx's name-keeping helper (__name) does not exist inside the page.
  const scroll: { frames: number[]; longTasks: number; rowsInDom: number; scrolledPx: number } = await page.evaluate(`(async () => {
    const el = document.querySelector('[data-testid=queue-scroller]');
    if (!(el instanceof HTMLElement)) throw new Error('no queue scroller');
    let longTasks = 0;
    const obs = new PerformanceObserver((list) => { longTasks += list.getEntries().length; });
    obs.observe({ type: 'longtask', buffered: false });
    const frames = [];
    const max = el.scrollHeight - el.clientHeight;
    const step = Math.max(200, Math.ceil(max / 600)); // about 600 frames to reach the end
    let last = performance.now();
    await new Promise((resolve) => {
      const tick = (t) => {
        frames.push(t - last);
        last = t;
        if (el.scrollTop >= max - 1) return resolve();
        el.scrollTop = Math.min(max, el.scrollTop + step);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    obs.disconnect();
    return { frames: frames.slice(1), longTasks, rowsInDom: document.querySelectorAll('[data-testid=queue-row]').length, scrolledPx: max };
  })()`);
  const sorted = [...scroll.frames].sort((a, b) => a - b);
  const q = (p: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 10) / 10;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? -1;
  const figures = {
    bench: 'console',
    source,
    referrals: routeRows,
    setup_s: Math.round((tIngest - t0) / 100) / 10,
    ingest_assess_s: Math.round(ingestS * 10) / 10,
    filings_ingested: ingested,
    ingest_assess_per_s: Math.round(ingested / ingestS),
    route_ms_cold: routeMs[0] ?? -1,
    route_ms_warm: routeMs[2] ?? -1,
    route_mb: Math.round(routeBytes / 1e5) / 10,
    fmp_cold_ms: paints[0] ?? -1,
    fmp_warm_median_ms: median(paints.slice(1)),
    fmp_target_ms: 1500,
    scroll_frames: scroll.frames.length,
    scroll_px: scroll.scrolledPx,
    frame_p50_ms: q(0.5),
    frame_p95_ms: q(0.95),
    frame_max_ms: q(1),
    frames_over_50ms: scroll.frames.filter((f) => f > 50).length,
    long_tasks: scroll.longTasks,
    rows_in_dom: scroll.rowsInDom,
    load_avg_1m: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  };
  console.log(JSON.stringify(figures));
} finally {
  await browsing.close();
  await node.close();
}
process.exit(0);
