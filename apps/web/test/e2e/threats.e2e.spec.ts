import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.js';
import { startAppServer, type AppServer } from './support/app-server.js';
import { hasChromium, launchBrowser } from './support/browser.js';

const DEMO_MODEL_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a01';
const DEMO_EMAIL = 'demo@threatloom.local';
const DEMO_PASSWORD = 'threatloom-demo';

interface StoredThreat {
  id: string;
  title: string;
  stride: string;
  status: string;
  score: { method: string; vector: string | null; severity: string | null } | null;
  mitigations: { action: string; owner: string | null; ticketUrl: string | null }[];
}

async function storedThreats(baseUrl: string): Promise<StoredThreat[]> {
  const api = new ApiClient(baseUrl);
  await api.signIn(DEMO_EMAIL, DEMO_PASSWORD);
  const answer = await api.request<{ threats: { edges: { node: StoredThreat }[] } }>(
    `query($id: ID!) { threats(modelId: $id, first: 100) { edges { node {
      id title stride status
      score { method vector severity }
      mitigations { action owner ticketUrl }
    } } } }`,
    { id: DEMO_MODEL_ID },
  );
  return answer.threats.edges.map((edge) => edge.node);
}

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.skipIf(!hasChromium)(
  'what can go wrong, and what we do about it, in a real browser',
  () => {
    let server: AppServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
      context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      page = await context.newPage();
      await page.goto(`${server.baseUrl}/sign-in?next=/models/${DEMO_MODEL_ID}`);
      await page.getByLabel('Email').fill(DEMO_EMAIL);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('[data-element-id="notification"]').waitFor();
    });

    afterAll(async () => {
      await context?.close();
      await browser?.close();
      await server?.close();
    });

    it('adds a threat to an element in two keystrokes, written with the threat grammar', async () => {
      await page.locator('[data-element-id="notification"]').click();
      await page.getByRole('heading', { name: 'What can go wrong?' }).waitFor();
      await page.keyboard.press('t');
      // The cursor is in the threat source already.
      await page.keyboard.type('compromised email provider');
      await page.getByLabel(/Threat action/).fill('send phishing notifications to patients');
      await page.getByLabel(/Threat impact/).fill('stolen patient credentials');
      await expect(page.locator('.preview').textContent()).resolves.toContain(
        'A compromised email provider can send phishing notifications to patients, which leads to stolen patient credentials.',
      );
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: /Threat #/ }).waitFor();
      const stored = await eventually(
        () => storedThreats(server.baseUrl),
        (threats) =>
          threats.some((threat) => threat.title === 'Send phishing notifications to patients'),
      );
      const threat = stored.find(
        (candidate) => candidate.title === 'Send phishing notifications to patients',
      );
      expect(threat?.stride).toBe('spoofing');
      // The sentence is the threat's statement.
      expect(await page.getByLabel('Statement').inputValue()).toBe(
        'A compromised email provider can send phishing notifications to patients, which leads to stolen patient credentials.',
      );
    });

    it('scores it by pasting a CVSS vector, and the score follows into the stored threat', async () => {
      const vector = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:L/A:N';
      const paste = page.getByLabel(/Paste a vector/i).first();
      await paste.fill(vector);
      await paste.press('Enter');
      const stored = await eventually(
        () => storedThreats(server.baseUrl),
        (threats) => threats.some((threat) => threat.score?.vector === vector),
      );
      expect(stored.find((threat) => threat.score?.vector === vector)?.score?.severity).toBe(
        'high',
      );
    });

    it('plans a mitigation, naming the field the domain refuses before anything is sent', async () => {
      await page.getByRole('button', { name: 'Plan a mitigation' }).click();
      await page
        .getByLabel('What will be done')
        .fill('Sign notification emails with DKIM and DMARC reject');
      await page.getByLabel(/Owner/).fill('Platform team');
      await page.getByLabel('Ticket link').fill('JIRA-42');
      await page.getByRole('button', { name: 'Plan mitigation' }).click();
      await expect(
        page
          .locator('#' + (await page.getByLabel('Ticket link').getAttribute('aria-describedby')))
          .textContent(),
      ).resolves.toMatch(/URL/);
      await page.getByLabel('Ticket link').fill('https://tickets.example/SEC-42');
      await page.getByRole('button', { name: 'Plan mitigation' }).click();
      const stored = await eventually(
        () => storedThreats(server.baseUrl),
        (threats) =>
          threats.some((threat) => threat.mitigations.some((m) => m.owner === 'Platform team')),
      );
      const mitigation = stored
        .flatMap((threat) => threat.mitigations)
        .find((m) => m.owner === 'Platform team');
      expect(mitigation).toEqual({
        action: 'Sign notification emails with DKIM and DMARC reject',
        owner: 'Platform team',
        ticketUrl: 'https://tickets.example/SEC-42',
      });
    });

    it('accepts the risk through the governed path, asking for the rationale the policy demands', async () => {
      await page.getByRole('button', { name: 'Accept the risk…' }).click();
      await page
        .getByText(/at or above the approval threshold/)
        .first()
        .waitFor();
      await page.getByRole('button', { name: 'Accept the risk', exact: true }).click();
      // The API's refusal shows next to the field it names.
      const rationale = page.getByLabel(/Rationale/);
      await expect.poll(() => rationale.getAttribute('aria-invalid')).toBe('true');
      await rationale.fill('Email delivery is out of our hands; DKIM and DMARC limit the damage.');
      await page.getByRole('button', { name: 'Accept the risk', exact: true }).click();
      await page.locator('.decision strong', { hasText: 'Accepted' }).waitFor();
      const stored = await eventually(
        () => storedThreats(server.baseUrl),
        (threats) =>
          threats.some(
            (threat) =>
              threat.title === 'Send phishing notifications to patients' &&
              threat.status === 'accepted',
          ),
      );
      expect(
        stored.find((threat) => threat.title === 'Send phishing notifications to patients')?.status,
      ).toBe('accepted');
    });
  },
);
