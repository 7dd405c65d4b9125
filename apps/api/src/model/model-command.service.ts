import { Injectable } from '@nestjs/common';
import {
  commandPermissionOf,
  decide,
  initialState,
  isCommandType,
  type CommandContext,
  type ModelState,
  type DomainError,
  type Role,
} from '@threatloom/domain';
import { checkpointOf } from '@threatloom/eventstore';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { RequestScope } from '../access/request-scope.js';
import { CollabService } from '../collab/collab.service.js';
import { DatabaseService } from '../database/database.service.js';
import { AppError, Conflict, IllegalState } from '../errors/app-error.js';
import { toAppError } from '../errors/to-app-error.js';
import { underArgument } from '../errors/under-argument.js';
import { modelIdSchema } from '../graphql/ids.js';
import { parseInput } from '../graphql/parse-input.js';
import { LedgerService } from '../ledger/ledger.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { MODEL_READ_MODEL_PROJECTION } from '../projections/model-read-model/model-read-model.projection.js';
import { ProjectionProgress } from '../projections/projection-progress.js';
import { ModelStateStore } from '../model-state/model-state.store.js';
import { TenancyRequestScope } from '../tenancy/access/tenancy-request-scope.js';
import { TENANCY_PROJECTION } from '../tenancy/projection/tenancy.projection.js';
import type { CommandResult, CreateThreatModelInput } from './model-command.types.js';
import { modelStreamId } from './model-stream.js';

const executeArgsSchema = z.object({
  modelId: modelIdSchema,
  expectedVersion: z
    .number()
    .int()
    .min(0, { error: 'expected the streamVersion of the model you read' }),
  command: z.object({ type: z.string().min(1) }).loose(),
});

// No client-chosen model id: a taken id would tell a stranger that the model exists (docs/tenancy.md).
const createArgsSchema = z.object({
  systemId: z.uuid({ error: 'expected the uuid of a system' }),
  name: z.string().trim().min(1, { error: 'expected a non-empty name' }).max(200),
  description: z.string().max(10_000).nullish(),
  // Checked field by field by the domain (paths under input.settings).
  settings: z
    .object({
      severityBands: z.array(z.record(z.string(), z.unknown())).nullish(),
      approvalThreshold: z.string().nullish(),
      riskMatrix: z.record(z.string(), z.unknown()).nullish(),
      requiresTicketLinks: z.boolean().nullish(),
    })
    .nullish(),
});

/** The caller's email where the scope knows it, for decisions that name their author. */
function emailOf(scope: RequestScope): string | null {
  return scope instanceof TenancyRequestScope ? scope.caller.email : null;
}

/** Turns a domain field path into the path of the argument the caller sent it in. */
export type ArgumentPath = (domainField: string) => string;

/** A new model's settings as the domain takes them: absent (or null) fields are left out. */
function creationSettings(settings: {
  severityBands?: Record<string, unknown>[] | null | undefined;
  approvalThreshold?: string | null | undefined;
  riskMatrix?: Record<string, unknown> | null | undefined;
  requiresTicketLinks?: boolean | null | undefined;
}): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value != null));
}

/** A domain refusal in the API's vocabulary, named after the argument the client sent. */
function refusal(error: DomainError, argumentPath: ArgumentPath): AppError {
  return underArgument(
    toAppError(error) ?? new AppError('ILLEGAL_STATE', error.message),
    argumentPath,
  );
}

/** `argument.<field>`: the domain command was sent whole as that argument. */
const under =
  (argument: string): ArgumentPath =>
  (field) =>
    `${argument}.${field}`;

/**
 * Changes models: each command is decided by the domain on the model's state
 * from the per-model state cache (current as of the call), and its events are appended with the stream version
 * that state was read at, so a concurrent change makes the append fail with
 * CONFLICT instead of overwriting it.
 */
@Injectable()
export class ModelCommandService {
  constructor(
    private readonly database: DatabaseService,
    private readonly metrics: MetricsService,
    private readonly progress: ProjectionProgress,
    private readonly states: ModelStateStore,
    private readonly ledger: LedgerService,
    private readonly collab: CollabService,
  ) {}

  /** Creates a threat model (stream must not exist yet). */
  async create(scope: RequestScope, rawInput: CreateThreatModelInput): Promise<CommandResult> {
    const input = parseInput(createArgsSchema, rawInput, 'input');
    const modelId = randomUUID();
    // The model does not exist yet: the right to add one is checked on its system.
    await scope.requireAccess(commandPermissionOf('CreateThreatModel'), [input.systemId]);
    const command = {
      type: 'CreateThreatModel',
      modelId,
      systemId: input.systemId,
      name: input.name,
      description: input.description ?? '',
      ...(input.settings == null ? {} : { settings: creationSettings(input.settings) }),
    };
    // Access to a model comes from the tenancy read model, and queries from the model read model:
    // answer once both know the model, so the caller's next request can use it.
    return this.decideAndAppend(
      scope,
      modelId,
      initialState(),
      command,
      under('input'),
      'no_stream',
      [TENANCY_PROJECTION, MODEL_READ_MODEL_PROJECTION],
    );
  }

  /**
   * Runs one domain command (`command.type` names it; the domain's schema
   * validates the rest) against the model at `expectedVersion`. Refusals name
   * `command.<field>`, or the path `argumentPath` gives (typed mutations: `input.<field>`).
   * Needs the permission the domain's table gives the command (`commandPermissions`).
   */
  async execute(
    scope: RequestScope,
    rawModelId: string,
    rawExpectedVersion: number,
    rawCommand: unknown,
    argumentPath: ArgumentPath = under('command'),
  ): Promise<CommandResult> {
    const args = parseInput(
      executeArgsSchema,
      { modelId: rawModelId, expectedVersion: rawExpectedVersion, command: rawCommand },
      '',
    );
    // The command's own permission (risk decisions need decide_risk); an unknown type is checked
    // as an edit, so strangers get NOT_FOUND before the domain names the bad type.
    const commandType = args.command.type;
    await scope.requireAccess(
      isCommandType(commandType) ? commandPermissionOf(commandType) : 'edit',
      [args.modelId],
    );
    // What people are typing into the open doc is stored first, so the command sees it.
    await this.collab.flush(args.modelId);
    const { state, streamVersion: actualVersion } = await this.states.current(scope, args.modelId);
    if (actualVersion !== args.expectedVersion) {
      throw new Conflict(
        `model ${args.modelId} is at version ${actualVersion}, not ${args.expectedVersion}; reload and retry`,
        { expectedVersion: args.expectedVersion, actualVersion },
        'expectedVersion',
      );
    }
    return this.decideAndAppend(
      scope,
      args.modelId,
      state,
      args.command,
      argumentPath,
      actualVersion,
    );
  }

  /**
   * The answer of a command that changes no domain state (an element moved on
   * the diagram: the move is a doc update): the model's version, which must
   * be `expectedVersion` like for any command, and no events.
   */
  async unchanged(
    scope: RequestScope,
    rawModelId: string,
    rawExpectedVersion: number,
  ): Promise<CommandResult> {
    const args = parseInput(
      executeArgsSchema,
      { modelId: rawModelId, expectedVersion: rawExpectedVersion, command: { type: 'none' } },
      '',
    );
    await scope.requireAccess('edit', [args.modelId]);
    const { streamVersion } = await this.states.current(scope, args.modelId);
    if (streamVersion !== args.expectedVersion) {
      throw new Conflict(
        `model ${args.modelId} is at version ${streamVersion}, not ${args.expectedVersion}; reload and retry`,
        { expectedVersion: args.expectedVersion, actualVersion: streamVersion },
        'expectedVersion',
      );
    }
    return { modelId: args.modelId, streamVersion, events: [] };
  }

  private async decideAndAppend(
    scope: RequestScope,
    modelId: string,
    state: ModelState,
    command: unknown,
    argumentPath: ArgumentPath,
    expectedVersion: number | 'no_stream',
    projectedBeforeAnswer: readonly string[] = [],
  ): Promise<CommandResult> {
    const context: CommandContext = {
      actor: {
        userId: scope.userId ?? 'anonymous',
        organisationId: scope.actingOrganisationId ?? state.organisationId ?? '',
        roles: scope.roles as Role[],
        email: emailOf(scope),
      },
      now: new Date().toISOString(),
    };
    const decision = decide(command, state, context);
    if (!decision.ok) throw refusal(decision.error, argumentPath);
    const streamId = modelStreamId(modelId);
    const correlationId = scope.requestId;
    const stored = await this.metrics
      .timeAppend(() =>
        this.database.transaction(scope, (trx) =>
          this.database.eventStore.append(
            streamId,
            decision.events.map((event) => ({
              type: event.type,
              schemaVersion: event.schemaVersion,
              data: event.data,
              metadata: {
                actor: context.actor.userId,
                organisation: context.actor.organisationId,
                // The roles the actor held when deciding: the decision log shows them.
                roles: [...context.actor.roles],
                correlationId,
                client: 'graphql',
              },
            })),
            { expectedVersion, transaction: trx },
          ),
        ),
      )
      .catch((error: unknown) => {
        throw toAppError(error) ?? error;
      });
    const last = stored.at(-1);
    // Every open doc of the model shows the outcome at once.
    if (last !== undefined && expectedVersion !== 'no_stream') await this.collab.catchUp(modelId);
    // A frozen version is sealed in a checkpoint before the answer (docs/tamper-evidence.md).
    if (last !== undefined && stored.some((event) => event.type === 'ModelVersionFrozen')) {
      await this.ledger.sealThrough(checkpointOf(last));
    }
    if (last !== undefined && projectedBeforeAnswer.length > 0) {
      await this.progress
        .waitFor(projectedBeforeAnswer, checkpointOf(last))
        .catch((error: unknown) => {
          if (!(error instanceof IllegalState)) throw error;
          // The events are stored: say so, with the id, so a retry does not create a second model.
          throw new AppError(
            'ILLEGAL_STATE',
            `model ${modelId} is stored at version ${last.streamVersion}; ${error.message}`,
            null,
            { modelId, streamVersion: last.streamVersion },
          );
        });
    }
    return {
      modelId,
      streamVersion:
        stored.at(-1)?.streamVersion ??
        (typeof expectedVersion === 'number' ? expectedVersion : -1),
      events: stored.map((event) => ({
        type: event.type,
        streamVersion: event.streamVersion,
        position: event.position,
      })),
    };
  }
}
