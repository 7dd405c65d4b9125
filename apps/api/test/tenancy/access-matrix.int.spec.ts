import { randomUUID } from 'node:crypto';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  accessOutcome,
  isOperationName,
  operationsWithoutRule,
  type AccessOutcome,
} from '@threatloom/domain';
import { requirePostgres } from '@threatloom/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestServer,
  type TestDialect,
  type TestServer,
} from '../identity/support/identity-test-server.js';
import { AccessWorld, actorNames, ownerStandings, type ActorName } from './support/access-world.js';
import { subscribe, wsClientFor } from './support/graphql-ws-client.js';
import { operationFor, rootFields, withoutIds, type RootField } from './support/operations.js';
import { operationScenarios, type Run, type Scenario } from './support/operation-scenarios.js';
import { as, type TestUser } from './support/tenancy-actors.js';

const isPostgresAvailable = await requirePostgres();

/** What one call answered: the outcome as the table names it, and the answer itself. */
interface Answer {
  outcome: AccessOutcome | string;
  data: unknown;
  errors: unknown;
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The same variables with every uuid replaced by a fresh one: what "does not exist" looks like. */
function withRandomIds(variables: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(variables).replace(uuidPattern, () => randomUUID())) as Record<
    string,
    unknown
  >;
}

function codeOf(errors: unknown): string | undefined {
  if (Array.isArray(errors)) {
    const code = (errors[0] as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
    return typeof code === 'string' ? code : 'ERROR WITHOUT CODE';
  }
  if (errors !== undefined && errors !== null) return `CLOSED ${JSON.stringify(errors)}`;
  return undefined;
}

function answerOf(data: unknown, errors: unknown): Answer {
  const code = codeOf(errors);
  const outcome = code ?? (data === null || data === undefined ? 'NO DATA' : 'allowed');
  return { outcome, data, errors };
}

/** Calls a query or mutation over HTTP as `caller`. */
async function callOnce(
  server: TestServer,
  caller: TestUser,
  root: RootField,
  scenario: Scenario,
  variables: Record<string, unknown>,
): Promise<Answer> {
  const answer = await as(
    server,
    caller,
    operationFor(root, variables, scenario.selection),
    variables,
  );
  return answerOf(answer.data, answer.errors);
}

/**
 * Subscribes as each caller, then changes the model once: an allowed caller
 * must receive that change, a refused one must see its subscription end with
 * the table's error.
 */
async function subscribeAll(
  world: AccessWorld,
  root: RootField,
  callers: readonly { actor: ActorName; caller: TestUser; run: Run }[],
): Promise<Map<ActorName, Answer>> {
  const probes = callers.map(({ actor, caller, run }) => ({
    actor,
    run,
    probe: subscribe(
      wsClientFor(world.server, caller),
      operationFor(root, run.variables),
      run.variables,
    ),
  }));
  // Refusals end the subscription; give accepted ones time to start before the change.
  await Promise.race([
    Promise.all(probes.map(({ probe }) => probe.ended)),
    new Promise((resolve) => setTimeout(resolve, 1500)),
  ]);
  const modelIds = new Set(callers.map(({ run }) => String(run.variables['modelId'])));
  for (const modelId of modelIds) await world.renameModel(modelId);
  const deadline = Date.now() + 5000;
  while (
    Date.now() < deadline &&
    probes.some(({ probe }) => probe.error === undefined && probe.next.length === 0)
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const answers = new Map<ActorName, Answer>();
  for (const { actor, probe } of probes) {
    await probe.dispose();
    answers.set(actor, answerOf(probe.next[0] ?? null, probe.error));
  }
  return answers;
}

/**
 * The access suite, generated from the built schema: every query, mutation
 * and subscription is run as each of nine actors (the owner's admin, risk
 * owner, editor and viewer; admins of organisations holding an editor, a
 * viewer and an auditor share; an unrelated organisation's admin; no
 * session), and each outcome must be the one the domain's operation table
 * gives. An allowed run must succeed on a world where the operation can
 * succeed; a refused one must change nothing, and NOT_FOUND must read the
 * same as for ids that do not exist.
 */
async function accessSuite(dialect: TestDialect) {
  // The configureOidcProvider scenario points at the test's OpenID provider on loopback.
  const server = await startTestServer(dialect, { OIDC_ALLOW_PRIVATE_ISSUERS: 'true' });
  const fields = rootFields(server.app.get(GraphQLSchemaHost).schema);

  describe(`every operation as every actor on ${dialect}`, () => {
    let world: AccessWorld;
    /** For each root field: the run of each allowed actor, and the one run refused actors share. */
    const runs = new Map<string, Map<ActorName, Run>>();

    beforeAll(async () => {
      world = await AccessWorld.arrange(server);
      for (const root of fields) {
        const scenario = operationScenarios[root.key];
        if (scenario === undefined || !isOperationName(root.key)) continue;
        const expected = expectedOutcomes(root.key, scenario);
        const allowed = actorNames.filter((actor) => expected[actor] === 'allowed');
        const refused = actorNames.filter((actor) => expected[actor] !== 'allowed');
        const byActor = new Map<ActorName, Run>();
        // One after another: several arrangements write to the same organisation or system stream.
        for (const actor of allowed) byActor.set(actor, await scenario.arrange(world, actor));
        const first = refused[0];
        if (first !== undefined) {
          const shared = await scenario.arrange(world, first);
          for (const actor of refused) {
            byActor.set(actor, actor === first ? shared : { ...shared, caller: undefined });
          }
        }
        runs.set(root.key, byActor);
      }
      await world.settle();
    }, 600_000);

    afterAll(async () => server.close());

    it('has an entry in the operation table and a scenario for every query, mutation and subscription', () => {
      const keys = fields.map((root) => root.key);
      expect(operationsWithoutRule(keys)).toEqual([]);
      expect(keys.filter((key) => !(key in operationScenarios))).toEqual([]);
    });

    for (const root of fields) {
      it(`${root.key}: each actor gets what the operation table says`, async () => {
        const scenario = operationScenarios[root.key];
        const byActor = runs.get(root.key);
        if (scenario === undefined || byActor === undefined || !isOperationName(root.key)) {
          throw new Error(`${root.key} has no table entry or no scenario`);
        }
        const expected = expectedOutcomes(root.key, scenario);
        const callerOf = (actor: ActorName, run: Run) => run.caller ?? world.actors[actor];
        const refused = actorNames.filter((actor) => expected[actor] !== 'allowed');
        const allowed = actorNames.filter((actor) => expected[actor] === 'allowed');
        const answers = new Map<ActorName, Answer>();

        if (root.operation === 'subscription') {
          const all = actorNames.map((actor) => {
            const run = byActor.get(actor) as Run;
            return { actor, run, caller: callerOf(actor, run) };
          });
          for (const [actor, answer] of await subscribeAll(world, root, all)) {
            answers.set(actor, answer);
          }
        } else {
          // Refused runs first, on the state the allowed runs then change.
          const refusedRun = byActor.get(refused[0] ?? 'anonymous');
          const versionBefore =
            refusedRun?.modelId === undefined
              ? undefined
              : await world.streamVersionOf(refusedRun.modelId);
          await Promise.all(
            refused.map(async (actor) => {
              const run = byActor.get(actor) as Run;
              answers.set(
                actor,
                await callOnce(server, callerOf(actor, run), root, scenario, run.variables),
              );
            }),
          );
          if (refusedRun?.modelId !== undefined) {
            expect(
              await world.streamVersionOf(refusedRun.modelId),
              'refused runs change nothing',
            ).toBe(versionBefore);
          }
          const runAllowed = async (actor: ActorName) => {
            const run = byActor.get(actor) as Run;
            answers.set(
              actor,
              await callOnce(server, callerOf(actor, run), root, scenario, run.variables),
            );
          };
          if (scenario.isOneAtATime) for (const actor of allowed) await runAllowed(actor);
          else await Promise.all(allowed.map(runAllowed));
        }

        const outcomes = Object.fromEntries(
          actorNames.map((actor) => [actor, answers.get(actor)?.outcome]),
        );
        const refusals = Object.fromEntries(
          actorNames
            .filter((actor) => answers.get(actor)?.outcome !== expected[actor])
            .map((actor) => [actor, answers.get(actor)?.errors]),
        );
        expect(outcomes, JSON.stringify(refusals)).toEqual(expected);

        // "Not found" for a real id must read exactly as for an id that does not exist.
        if (root.operation !== 'subscription') {
          for (const actor of actorNames.filter((name) => expected[name] === 'NOT_FOUND')) {
            const run = byActor.get(actor) as Run;
            const forRandom = await callOnce(
              server,
              world.actors[actor],
              root,
              scenario,
              withRandomIds(run.variables),
            );
            const forReal = answers.get(actor);
            expect(withoutIds(forReal?.errors), `${actor} on random ids`).toEqual(
              withoutIds(forRandom.errors),
            );
          }
        }

        // Someone else's things are as unknown to a stranger as things that do not exist.
        if (scenario.othersVariables !== undefined) {
          const variables = await scenario.othersVariables(world);
          const forReal = await callOnce(server, world.actors.stranger, root, scenario, variables);
          const forRandom = await callOnce(
            server,
            world.actors.stranger,
            root,
            scenario,
            withRandomIds(variables),
          );
          expect(forReal.outcome).toBe('NOT_FOUND');
          expect(withoutIds(forReal.errors)).toEqual(withoutIds(forRandom.errors));
        }

        // A list shows an outsider none of the owner's resources.
        if (scenario.isList) {
          const text = JSON.stringify(answers.get('stranger')?.data);
          for (const id of [world.owner.id, world.systemId]) expect(text).not.toContain(id);
        }
      });
    }
  });
}

/** The outcome the domain's table gives each actor for one operation. */
function expectedOutcomes(
  operation: Parameters<typeof accessOutcome>[0],
  scenario: Scenario,
): Record<ActorName, AccessOutcome> {
  const standingOf = scenario.standing ?? ((actor: ActorName) => ownerStandings[actor]);
  return Object.fromEntries(
    actorNames.map((actor) => [
      actor,
      accessOutcome(operation, standingOf(actor), scenario.commandType),
    ]),
  ) as Record<ActorName, AccessOutcome>;
}

await accessSuite('pglite');
if (isPostgresAvailable) await accessSuite('postgres');
else
  describe.skip('every operation as every actor on postgres (PostgreSQL unreachable)', () =>
    undefined);
