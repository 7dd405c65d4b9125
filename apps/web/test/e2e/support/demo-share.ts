import { ApiClient } from './api-client.js';

export const DEMO_SYSTEM_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a02';
export const DEMO_ORGANISATION_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a03';
const DEMO_EMAIL = 'demo@threatloom.local';
const DEMO_PASSWORD = 'threatloom-demo';

/**
 * Signs `email` up with an organisation of their own (`organisation`: name
 * and slug), with which the demo admin shares the demo system as viewer.
 */
export async function viewerOfTheDemoSystem(
  baseUrl: string,
  email: string,
  password: string,
  organisation: { name: string; slug: string },
): Promise<void> {
  const user = new ApiClient(baseUrl);
  await user.signIn(email, password, true);
  const created = await user.request<{ createOrganisation: { id: string } }>(
    `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`,
    { input: organisation },
  );
  const owner = new ApiClient(baseUrl);
  await owner.signIn(DEMO_EMAIL, DEMO_PASSWORD);
  await owner.request(
    `mutation($systemId: ID!, $granteeOrganisationId: ID!, $role: ShareRole!) {
      shareSystem(systemId: $systemId, granteeOrganisationId: $granteeOrganisationId, role: $role) { role }
    }`,
    {
      systemId: DEMO_SYSTEM_ID,
      granteeOrganisationId: created.createOrganisation.id,
      role: 'viewer',
    },
    DEMO_ORGANISATION_ID,
  );
}
