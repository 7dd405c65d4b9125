/**
 * Benchmarks of the diagram editor in headless Chromium (Debian's
 * /usr/bin/chromium), against the real server (node apps/api/dist/main.js
 * serving apps/web/build, on in-memory PGlite, as the e2e tests start it):
 *
 * - `web.editor.load.500.p50`: ms from navigation until the editor is
 *   interactive (a click on an element opens its panel: the inspector's Name
 *   input shows the element's name), on a model of 500 elements and 700
 *   flows in 5 zones whose positions are stored in the doc (no layout runs on
 *   open). The median of 5 warm navigations, each in a fresh page of a
 *   context signed in once, after one cold navigation (not counted).
 *   Baseline: the same on a model of 10 elements and 14 flows.
 * - `web.editor.drag.500.p95`: the 95th percentile of the renderer main
 *   thread's work per frame (ms: the summed durations of its top-level tasks
 *   from one frame to the next, idle time not counted) while an element of
 *   that model is dragged in the view the editor opens on (60 mouse moves
 *   over about a second), from a Chromium performance trace. Baseline: the
 *   same in the 10-element model. `.cpu`: the same on the thread's own clock,
 *   without the time it waited for a core other processes of the machine
 *   had: steadier on a busy machine.
 * - `web.bundle.initial.kb`: gzipped JavaScript and CSS (kB, default zlib
 *   level) a fresh, signed-in browser context loads to open the editor of a
 *   model until it is interactive. The layout engine's worker must not be
 *   among it.
 *
 * The models are created through GraphQL and their positions written by a
 * co-editing client, as any client would. WEB_BENCH_TRACE_DIR=<dir> keeps the
 * drag traces there (open them in Chromium's performance panel). Writes
 * bench/results/web.partial.json.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiClient } from '../test/e2e/support/api-client.js';
import { startAppServer, type AppServer } from '../test/e2e/support/app-server.js';
import { hasChromium } from '../test/e2e/support/browser.js';
import { launchBenchBrowser } from './support/bench-browser.js';
import { createBenchModel, type BenchModel, type ModelShape } from './support/bench-model.js';
import { frameTraceCategories, frameWork } from './support/frame-work.js';

const DEMO_ORGANISATION_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a03';
const DEMO_SYSTEM_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a02';
const DEMO_EMAIL = 'demo@threatloom.local';
const DEMO_PASSWORD = 'threatloom-demo';

const LARGE: ModelShape = { zones: 5, elements: 500, flows: 700 };
const SMALL: ModelShape = { zones: 2, elements: 10, flows: 14 };
/** Pause between navigations, so one page's teardown is not timed as the next page's load. */
const SETTLE_MS = 1_000;
/** Warm navigations measured per model (after one cold one). */
const WARM_LOADS = 5;
const DRAG_STEPS = 60;
const DRAG_STEP_MS = 16;
/** Radius (px) of the circle the pointer draws: the element ends about where it started. */
const DRAG_RADIUS = 40;
const VIEWPORT = { width: 1280, height: 800 };
/**
 * WEB_BENCH_ONLY=load,drag,bundle (any of them) runs only those parts, to look
 * at one quickly; no result file is written then.
 */
const ONLY = new Set(
  (process.env['WEB_BENCH_ONLY'] ?? 'load,drag,bundle').split(',').map((part) => part.trim()),
);

const resultFile = fileURLToPath(
  new URL('../../../bench/results/web.partial.json', import.meta.url),
);
const round = (value: number) => Math.round(value * 100) / 100;
const startedAt = performance.now();
/** Prints progress, with the seconds since the benchmark started. */
const say = (message: string) =>
  console.log(`[web +${Math.round((performance.now() - startedAt) / 1000)}s] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The p-th percentile (0-100) of samples, by the nearest-rank method. */
function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** The machine's load average: other work on it skews every figure. */
function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

/** Waits until every projection has applied every stored event (`/metrics`). */
async function projectionsCaughtUp(baseUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    const lags = [...text.matchAll(/^projection_lag_events\{[^}]*\} (\d+)/gm)].map((match) =>
      Number(match[1]),
    );
    if (lags.every((lag) => lag === 0)) return;
    if (Date.now() > deadline) throw new Error('the projections did not catch up');
    await sleep(200);
  }
}

/** A browser context signed in as the demo user (through the sign-in page, once). */
async function signedInContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Systems' }).waitFor();
  await page.close();
  return context;
}

/**
 * Opens the editor of `model` in `page` and clicks its target element until
 * the inspector shows the element's name; resolves to the ms from the start
 * of the navigation (the page's time origin) until then.
 */
async function openUntilInteractive(page: Page, baseUrl: string, model: BenchModel) {
  await page.goto(`${baseUrl}/models/${model.modelId}`, { waitUntil: 'commit' });
  await page.locator(`[data-element-id="${model.target.id}"]`).click({ timeout: 60_000 });
  const shown = await page.waitForFunction(
    (name) => {
      const inputs = document.querySelectorAll<HTMLInputElement>(
        'section[aria-label="Selected item"] input',
      );
      return [...inputs].some((input) => input.value === name) ? performance.now() : false;
    },
    model.target.name,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await shown.jsonValue()) as number;
}

/** One cold and then WARM_LOADS warm navigations of each model, alternating; ms each. */
async function loadBenchmark(
  browser: Browser,
  baseUrl: string,
  models: { large: BenchModel; small: BenchModel },
) {
  const contexts = {
    large: await signedInContext(browser, baseUrl),
    small: await signedInContext(browser, baseUrl),
  };
  const times = { large: [] as number[], small: [] as number[] };
  const cold = { large: 0, small: 0 };
  try {
    for (let run = 0; run <= WARM_LOADS; run += 1) {
      for (const key of ['large', 'small'] as const) {
        const page = await contexts[key].newPage();
        const ms = await openUntilInteractive(page, baseUrl, models[key]);
        await page.close();
        // Let the closed page's teardown (its worker, collection) finish before the next opens.
        await sleep(SETTLE_MS);
        if (run === 0) cold[key] = round(ms);
        else times[key].push(round(ms));
      }
    }
  } finally {
    await contexts.large.close();
    await contexts.small.close();
  }
  say(`load (ms): ${JSON.stringify({ cold, warm: times })}`);
  return {
    large: percentile(times.large, 50),
    small: percentile(times.small, 50),
    cold,
    runs: times,
  };
}

/**
 * Drags the target element of `model` around a circle (DRAG_STEPS moves,
 * DRAG_STEP_MS apart) under a performance trace; the main thread's work per
 * frame while it moved.
 */
async function dragBenchmark(browser: Browser, baseUrl: string, model: BenchModel) {
  const context = await signedInContext(browser, baseUrl);
  try {
    const page = await context.newPage();
    await openUntilInteractive(page, baseUrl, model);
    // Let the opening settle (the selection's panel, the saved state) before the trace starts.
    await sleep(1_000);
    const box = await page.locator(`[data-element-id="${model.target.id}"]`).boundingBox();
    if (box === null) throw new Error('the element to drag is not on screen');
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await browser.startTracing(page, { categories: frameTraceCategories });
    await page.evaluate(() => performance.mark('bench-drag-start'));
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    const dragStarted = performance.now();
    for (let step = 1; step <= DRAG_STEPS; step += 1) {
      const angle = (2 * Math.PI * step) / DRAG_STEPS;
      await page.mouse.move(
        centre.x + DRAG_RADIUS * Math.sin(angle),
        centre.y - DRAG_RADIUS * (1 - Math.cos(angle)),
      );
      // One step every DRAG_STEP_MS, as far as the page keeps up (a move waits for the page to take it).
      await sleep(dragStarted + step * DRAG_STEP_MS - performance.now());
    }
    await page.evaluate(() => performance.mark('bench-drag-end'));
    await page.mouse.up();
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    if (process.env['WEB_BENCH_TRACE_DIR']) {
      const file = join(process.env['WEB_BENCH_TRACE_DIR'], `drag-${model.modelId}.json`);
      await writeFile(file, JSON.stringify(trace));
      say(`trace written to ${file}`);
    }
    const work = frameWork(trace, 'bench-drag-start', 'bench-drag-end');
    const summary = (perFrame: number[]) => ({
      p95: round(percentile(perFrame, 95)),
      p50: round(percentile(perFrame, 50)),
      max: round(Math.max(...perFrame)),
    });
    return {
      ...summary(work.perFrameThreadMs),
      wall: summary(work.perFrameMs),
      frames: work.perFrameMs.length,
      spanMs: round(work.spanMs),
    };
  } finally {
    await context.close();
  }
}

/**
 * Opens the editor of `model` in a fresh context that carries the signed-in
 * cookie (an empty cache) and sums the gzipped size of every JavaScript and
 * CSS file it loaded until it is interactive.
 */
async function bundleBenchmark(browser: Browser, baseUrl: string, model: BenchModel) {
  const signedIn = await signedInContext(browser, baseUrl);
  const storageState = await signedIn.storageState();
  await signedIn.close();
  const context = await browser.newContext({ viewport: VIEWPORT, storageState });
  try {
    const page = await context.newPage();
    const bodies: Array<Promise<{ url: string; bytes: number; gzip: number }>> = [];
    const urls: string[] = [];
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    page.on('response', (response) => {
      urls.push(response.url());
      if (!/\.(js|css)$/.test(new URL(response.url()).pathname)) return;
      bodies.push(
        response.body().then((body) => ({
          url: new URL(response.url()).pathname,
          bytes: body.length,
          gzip: gzipSync(body).length,
        })),
      );
    });
    await openUntilInteractive(page, baseUrl, model);
    const files = await Promise.all(bodies);
    const layoutEngine = [...urls, ...workers].filter((url) => /elk/i.test(url));
    const totalGzip = files.reduce((sum, file) => sum + file.gzip, 0);
    const largest = [...files].sort((a, b) => b.gzip - a.gzip).slice(0, 5);
    if (layoutEngine.length > 0) {
      say(`PROBLEM: opening the editor loaded the layout engine: ${layoutEngine.join(', ')}`);
    }
    say(
      `bundle: ${files.length} files, ${round(totalGzip / 1000)} kB gzip; largest: ` +
        largest.map((file) => `${file.url} ${round(file.gzip / 1000)} kB`).join(', '),
    );
    return {
      kb: round(totalGzip / 1000),
      files: files.length,
      rawKb: round(files.reduce((sum, file) => sum + file.bytes, 0) / 1000),
      layoutEngine,
    };
  } finally {
    await context.close();
  }
}

async function dragBenchmarks(
  browser: Browser,
  baseUrl: string,
  models: { large: BenchModel; small: BenchModel },
) {
  const drag = {
    large: await dragBenchmark(browser, baseUrl, models.large),
    small: await dragBenchmark(browser, baseUrl, models.small),
  };
  say(`drag (ms per frame): ${JSON.stringify(drag)}`);
  return drag;
}

async function main(): Promise<void> {
  if (!hasChromium) throw new Error('the web benchmarks need /usr/bin/chromium');
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  try {
    [server, browser] = await Promise.all([startAppServer(), launchBenchBrowser()]);
    const baseUrl = server.baseUrl;
    const api = new ApiClient(baseUrl);
    await api.signIn(DEMO_EMAIL, DEMO_PASSWORD);
    const created = await api.request<{ createApiToken: { secret: string } }>(
      'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }',
      {
        input: { organisationId: DEMO_ORGANISATION_ID, roleCeiling: 'editor', name: 'benchmark' },
      },
      DEMO_ORGANISATION_ID,
    );
    const model = (name: string, shape: ModelShape) =>
      createBenchModel({
        api,
        baseUrl,
        organisationId: DEMO_ORGANISATION_ID,
        systemId: DEMO_SYSTEM_ID,
        token: created.createApiToken.secret,
        name,
        shape,
      });
    say(`load average: ${loadAverage()}`);
    const setupStarted = performance.now();
    const models = {
      small: await model('Benchmark: 10 elements', SMALL),
      large: await model('Benchmark: 500 elements', LARGE),
    };
    await projectionsCaughtUp(baseUrl);
    say(`created the models in ${Math.round(performance.now() - setupStarted)} ms`);

    if (ONLY.size < 3) {
      if (ONLY.has('load')) await loadBenchmark(browser, baseUrl, models);
      if (ONLY.has('drag')) await dragBenchmarks(browser, baseUrl, models);
      if (ONLY.has('bundle')) await bundleBenchmark(browser, baseUrl, models.large);
      say('WEB_BENCH_ONLY is set: no result file written');
      return;
    }
    const load = await loadBenchmark(browser, baseUrl, models);
    const drag = await dragBenchmarks(browser, baseUrl, models);
    const bundle = await bundleBenchmark(browser, baseUrl, models.large);

    const metrics = {
      'web.editor.load.500.p50': {
        value: load.large,
        unit: 'ms',
        baseline: load.small,
        ratio: round(load.large / load.small),
        target: 'ratio <= 2 and < 1500 ms',
        cold: load.cold,
        runs: load.runs,
      },
      'web.editor.drag.500.p95': {
        value: drag.large.wall.p95,
        unit: 'ms/frame',
        baseline: drag.small.wall.p95,
        ratio: round(drag.large.wall.p95 / drag.small.wall.p95),
        target: 'ratio <= 1.5 and < 10 ms',
        frames: { large: drag.large, small: drag.small },
      },
      'web.editor.drag.500.p95.cpu': {
        value: drag.large.p95,
        unit: 'ms/frame',
        baseline: drag.small.p95,
        ratio: round(drag.large.p95 / drag.small.p95),
      },
      'web.bundle.initial.kb': {
        value: bundle.kb,
        unit: 'kB gzip',
        target: '< 300 kB',
        files: bundle.files,
        rawKb: bundle.rawKb,
        layoutEngineLoaded: bundle.layoutEngine.length > 0,
      },
    };
    say(`load average: ${loadAverage()}`);
    await mkdir(dirname(resultFile), { recursive: true });
    await writeFile(resultFile, `${JSON.stringify({ metrics }, null, 2)}\n`);
    console.log(JSON.stringify(metrics, null, 2));
    say(`wrote ${resultFile}`);
  } finally {
    await browser?.close();
    await server?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
