import { execute, initialState, type CommandContext, type ModelState } from '@threatloom/domain';

/** Who the unit tests act as: an admin and risk owner of one organisation. */
export const testContext: CommandContext = {
  actor: { userId: 'alice', organisationId: 'org-a', roles: ['admin', 'risk_owner'] },
  now: '2026-12-01T09:30:00.000Z',
};

/** The state after running `commands` on `state` with the domain's own decide and evolve. */
export function runCommands(state: ModelState, ...commands: unknown[]): ModelState {
  for (const command of commands) {
    const result = execute(command, state, testContext);
    if (!result.ok) throw new Error(result.error.message);
    state = result.state;
  }
  return state;
}

/** A model created with `commands` after its creation. */
export function buildModel(...commands: unknown[]): ModelState {
  return runCommands(
    initialState(),
    { type: 'CreateThreatModel', modelId: 'm', systemId: 's', name: 'Payments' },
    ...commands,
  );
}
