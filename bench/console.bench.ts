// Console benchmark: the referral queue with 10,000 open referrals in Debian's chromium.
// - first meaningful paint: time from navigation start to the first rows of the queue on screen
//   (the console's own performance mark 'queue-rows-rendered'), cold and warm;
// - scrolling: frame times while a script scrolls the virtualised table top to bottom.
// The queue comes from the node when it serves /api/v1/referrals with enough open referrals;
// otherwise a loopback proxy in front of the node answers that route with 10,000 rows shaped by
// the console's contract (the "source" field says which), so the figure measures the console.
// Last line of stdout: one JSON object with the figures.
import { createServer, request } from 'node:http';
import { loadavg } from 'node:os';
import { login, openBrowser, startConsoleNode, servedPaths, screenshot, type ConsoleNode } from '../web/e2e/console-harness.js';

const ROWS = Number(process.env.ROWS ?? 10_000);
const RUNS = 5;

function syntheticReferrals(n: number): unknown[] {
  const offices = ['FRLEH', 'FRFOS', 'FRCDG', 'USLAX', 'USJFK', 'USEWR', 'NCNOU', 'PFPPT'];
  const kinds = ['sea_manifest', 'air_master_waybill', 'air_house_waybill', 'express_consignment', 'ecommerce_parcel'];
  const threats = ['narcotics', 'synthetic_opioids', 'arms_dual_use', 'forced_labour', 'counterfeit_ipr', 'fiscal_fraud'];
  const channels = ['green', 'yellow', 'red', 'dnl'] as const;
  const now = Date.now();
  const rows: unknown[] = [];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    const points = Math.round(rnd() * 1200) / 10;
    const channel = channels[points >= 100 ? 3 : points >= 70 ? 2 : points >= 40 ? 1 : 0] ?? 'green';
    rows.push({
      id: `ref-${i}`,
      assessmentId: `asm-${i}`,
      filingId: `fil-${i}`,
      filerId: 'FILER',
      reference: `REF${String(i).padStart(8, '0')}`,
      filingVersion: 1,
      office: offices[i % offices.length],
      kind: kinds[i % kinds.length],
      channel,
      totalPoints: points,
      deadlineAt: new Date(now + Math.round(rnd() * 72 * 3600_000) - 3600_000).toISOString(),
      selection: 'risk',
      status: 'open',
      summary: [`profile ${threats[i % threats.length]}-${i % 37} matched (+${Math.round(points / 2)})`, 'consignee first seen 4 days ago'],
      openedAt: new Date(now - 3600_000).toISOString(),
      updatedAt: new Date(now - 3600_000).toISOString(),
      closedAt: null,
      version: 1,
      threats: [threats[i % threats.length]],
    });
  }
  return rows;
}

/** A proxy in front of the node that answers the queue route itself and forwards everything else. */
async function stubbedQueue(node: ConsoleNode, body: string): Promise<{ url: string; close(): void }> {
  const target = new URL(node.url);
  const server = createServer((req, res) => {
    if (req.method === 'GET' && (req.url ?? '').startsWith('/api/v1/referrals?')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
      return;
    }
    const fwd = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(fwd);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

const realNode = await startConsoleNode({ days: 1, perDay: 30 });
let node: ConsoleNode = realNode;
let proxy: { url: string; close(): void } | null = null;
const browsing = await openBrowser({ width: 1440, height: 900 });
const page = browsing.page;
try {
  const served = await servedPaths(realNode);
  let source = 'node';
  if (!served.has('/api/v1/referrals')) {
    source = 'contract-stub';
    const body = JSON.stringify({ items: syntheticReferrals(ROWS) });
    console.log(`the node does not serve /api/v1/referrals: a loopback proxy answers it with ${ROWS} referrals (${(body.length / 1e6).toFixed(1)} MB)`);
    proxy = await stubbedQueue(realNode, body);
    node = { ...realNode, url: proxy.url };
  }
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
    referrals: ROWS,
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
  proxy?.close();
  await realNode.close();
}
process.exit(0);
