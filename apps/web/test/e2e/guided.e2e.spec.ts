import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.js';
import { startAppServer, type AppServer } from './support/app-server.js';
import { hasChromium, launchBrowser } from './support/browser.js';

const EMAIL = 'newcomer@clinic.test';
const PASSWORD = 'first-model-password';

describe.skipIf(!hasChromium)('a first threat model, guided, from an empty organisation', () => {
  let server: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
    const newcomer = new ApiClient(server.baseUrl);
    await newcomer.signIn(EMAIL, PASSWORD, true);
    await newcomer.request(
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
      { input: { name: 'Riverside Clinic', slug: 'riverside-clinic' } },
    );
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it(
    'starts from the empty state and asks the four questions one at a time',
    { timeout: 150_000 },
    async () => {
      await page.goto(`${server.baseUrl}/sign-in`);
      await page.getByLabel('Email').fill(EMAIL);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('heading', { name: 'No systems yet' }).waitFor();
      await page.getByRole('link', { name: /Build your first threat model/ }).click();

      await page.getByRole('heading', { name: 'Which system do you want to protect?' }).waitFor();
      await page.getByLabel('Its name').fill('Patient portal');
      await page.getByRole('button', { name: 'Start' }).click();

      await page.getByRole('heading', { name: 'What are we working on?' }).waitFor();
      await page.getByLabel('What is it called?').fill('Login service');
      await page.getByLabel(/Where does it run/).fill('Production cloud');
      await page.getByRole('button', { name: 'Next' }).click();

      await page.getByRole('heading', { name: 'What can go wrong?' }).waitFor();
      await page.getByLabel(/Spoofing/).check();
      await page.getByLabel('Who could do it?', { exact: false }).fill('an external attacker');
      await page
        .getByLabel('What would they need first?', { exact: false })
        .fill('with a leaked password list');
      await page.getByLabel('What could they do?').fill('sign in as a patient');
      await page
        .getByLabel('And then what happens?', { exact: false })
        .fill('exposure of medical records');
      await expect(page.locator('.preview').textContent()).resolves.toContain(
        'An external attacker with a leaked password list can sign in as a patient, which leads to exposure of medical records.',
      );
      await page.getByRole('button', { name: 'Next' }).click();

      await page.getByRole('heading', { name: 'What are we going to do about it?' }).waitFor();
      // Moving on without a score is refused, in words.
      await page
        .getByLabel('What will be done')
        .fill('Require a second factor for every patient login');
      await page.getByRole('button', { name: 'Next' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: /Score the threat first/ })
        .waitFor();
      const paste = page.getByLabel(/Paste a vector/i).first();
      await paste.fill('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N');
      await paste.press('Enter');
      await page.getByLabel('Who owns it').fill('Identity team');
      await page.getByLabel('By when').fill('2027-03-31');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('heading', { name: 'Did we do a good job?' }).waitFor();
      // The guide ends on the model's checklist, and the model holds what was answered.
      await page.getByText(/checks pass/).waitFor();
      await page.getByRole('link', { name: 'Open your model' }).click();
      await page.locator('.svelte-flow__node', { hasText: 'Login service' }).waitFor();

      const newcomer = new ApiClient(server.baseUrl);
      await newcomer.signIn(EMAIL, PASSWORD);
      const modelId = new URL(page.url()).pathname.split('/').pop()!;
      const answer = await newcomer.request<{
        threats: {
          edges: {
            node: {
              title: string;
              stride: string;
              score: { severity: string | null } | null;
              mitigations: { action: string; owner: string | null; dueDate: string | null }[];
            };
          }[];
        };
      }>(
        `query($id: ID!) { threats(modelId: $id) { edges { node {
        title stride score { severity } mitigations { action owner dueDate }
      } } } }`,
        { id: modelId },
      );
      expect(answer.threats.edges.map((edge) => edge.node)).toEqual([
        {
          title: 'Sign in as a patient',
          stride: 'spoofing',
          score: { severity: 'high' },
          mitigations: [
            {
              action: 'Require a second factor for every patient login',
              owner: 'Identity team',
              dueDate: '2027-03-31',
            },
          ],
        },
      ]);
    },
  );
});
