import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.js';
import { startAppServer, type AppServer } from './support/app-server.js';
import { hasChromium, launchBrowser } from './support/browser.js';

const DEMO_MODEL_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a01';
const DEMO_SYSTEM_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a02';
const DEMO_EMAIL = 'demo@threatloom.local';
const DEMO_PASSWORD = 'threatloom-demo';

async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Systems' }).waitFor();
}

/** The model's elements and flows as the API stores them (what the diagram's edits became). */
async function storedModel(
  api: ApiClient,
  modelId: string,
): Promise<{ elements: { name: string; zoneId: string }[]; flows: { name: string }[] }> {
  const answer = await api.request<{
    model: {
      elements: { edges: { node: { name: string; zoneId: string } }[] };
      flows: { edges: { node: { name: string } }[] };
    };
  }>(
    `query($id: ID!) { model(id: $id) {
      elements(first: 100) { edges { node { name zoneId } } }
      flows(first: 100) { edges { node { name } } }
    } }`,
    { id: modelId },
  );
  return {
    elements: answer.model.elements.edges.map((edge) => edge.node),
    flows: answer.model.flows.edges.map((edge) => edge.node),
  };
}

async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(!hasChromium)('the diagram editor in a real browser', () => {
  let server: AppServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('sends a visitor to sign in, naming the demo account, and back where they were going', async () => {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/models/${DEMO_MODEL_ID}`);
    await page.getByRole('heading', { name: 'Sign in to Threatloom' }).waitFor();
    expect(page.url()).toContain(`next=${encodeURIComponent(`/models/${DEMO_MODEL_ID}`)}`);
    await page.getByText(DEMO_EMAIL).first().waitFor();
    await page.getByRole('button', { name: 'Fill in the demo account' }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'GenomeWell platform', level: 1 }).waitFor();
    await page.locator('[data-element-id]').first().waitFor();
  });

  it('hands single sign-on over to the organisation’s provider, keeping where the visitor was going', async () => {
    const page = await newPage();
    await page.goto(
      `${server.baseUrl}/sign-in?next=${encodeURIComponent(`/models/${DEMO_MODEL_ID}`)}`,
    );
    await page.getByText(/Sign in with your organisation.s single sign-on/).click();
    await page.getByLabel(/^Organisation/).fill('not a slug!');
    await page.getByRole('button', { name: 'Continue to single sign-on' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /short name/ })
      .waitFor();
    await page.getByLabel(/^Organisation/).fill('genomewell');
    const request = page.waitForRequest((candidate) => candidate.url().includes('/auth/oidc/'));
    await page.getByRole('button', { name: 'Continue to single sign-on' }).click();
    const url = new URL((await request).url());
    expect(url.pathname).toBe('/auth/oidc/genomewell/start');
    expect(url.searchParams.get('returnTo')).toBe(`/models/${DEMO_MODEL_ID}`);
  });

  it('shows a wrong password next to the form, and stays on the sign-in page', async () => {
    const page = await newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByLabel('Email').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/\S/);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('builds a small model: two elements, a flow and a zone, stored as domain events', async () => {
    const page = await newPage();
    await signIn(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
    // A fresh model in the demo system, from the systems page.
    const system = page.locator(`[data-system-id="${DEMO_SYSTEM_ID}"]`);
    await system.getByPlaceholder('New threat model name').fill('Sequencing upload');
    await system.getByRole('button', { name: 'Create threat model' }).click();
    await page.waitForURL(/\/models\/[0-9a-f-]{36}$/);
    const modelId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText('The diagram is empty').waitFor();

    // Keyboard: P adds a process (in a new zone), E an external entity.
    await page.locator('.svelte-flow').click({ position: { x: 200, y: 150 } });
    await page.keyboard.press('p');
    await page.getByLabel('Name', { exact: true }).fill('Upload service');
    await page.locator('.svelte-flow').click({ position: { x: 150, y: 400 } });
    await page.getByRole('button', { name: /External entity/ }).click();
    await page.getByLabel('Name', { exact: true }).fill('Sequencing lab');
    await page.locator('[data-element-id]').nth(1).waitFor();

    // Draw a flow from the lab's right handle to the service's left handle.
    const lab = page.locator('.svelte-flow__node', { hasText: 'Sequencing lab' });
    const service = page.locator('.svelte-flow__node', { hasText: 'Upload service' });
    const from = await lab.locator('.svelte-flow__handle.source').boundingBox();
    const to = await service.locator('.svelte-flow__handle.target').boundingBox();
    await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
    await page.mouse.down();
    await page.mouse.move(to!.x + to!.width / 2, to!.y + to!.height / 2, { steps: 12 });
    await page.mouse.up();
    await page.getByRole('heading', { name: 'Data flow' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Raw reads');
    await page.getByLabel('Protocol').fill('SFTP');

    const stored = await eventually(
      async () => {
        const api = new ApiClient(server.baseUrl);
        await api.signIn(DEMO_EMAIL, DEMO_PASSWORD);
        return storedModel(api, modelId);
      },
      (model) =>
        model.elements.length === 2 &&
        model.flows.some((flow) => flow.name === 'Raw reads') &&
        model.elements.some((element) => element.name === 'Sequencing lab'),
    );
    expect(stored.elements.map((element) => element.name).sort()).toEqual([
      'Sequencing lab',
      'Upload service',
    ]);
    expect(stored.flows.map((flow) => flow.name)).toEqual(['Raw reads']);
    await page.getByText('All changes saved').waitFor();
  });

  it('undoes the user’s own last change with Ctrl+Z', async () => {
    const page = await newPage();
    await signIn(page, server.baseUrl, DEMO_EMAIL, DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/models/${DEMO_MODEL_ID}`);
    await page.locator('[data-element-id]').first().waitFor();
    const before = await page.locator('[data-element-id]').count();
    await page.locator('.svelte-flow').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('d');
    await expect.poll(() => page.locator('[data-element-id]').count()).toBe(before + 1);
    await page.locator('.svelte-flow').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-element-id]').count()).toBe(before);
  });
});
