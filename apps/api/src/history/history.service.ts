import { Inject, Injectable } from '@nestjs/common';
import { LedgerNotFound, type LedgerProofs, type StoredEvent } from '@threatloom/eventstore';
import type { RequestScope } from '../access/request-scope.js';
import type { AppConfig } from '../config/config.schema.js';
import { APP_CONFIG } from '../config/config.tokens.js';
import { DatabaseService } from '../database/database.service.js';
import { AppError, NotFound, ValidationError } from '../errors/app-error.js';
import { modelIdSchema } from '../graphql/ids.js';
import { LedgerService } from '../ledger/ledger.service.js';
import {
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
  type ConnectionShape,
} from '../graphql/pagination.js';
import { parseInput } from '../graphql/parse-input.js';
import { modelStreamId } from '../model/model-stream.js';
import type { HistoryVerification, ModelHistoryEvent } from './history.types.js';
import { pageArgsSchema } from '../graphql/page-args.js';
import { systemPermissionOf } from '@threatloom/domain';

const historyArgsSchema = pageArgsSchema.extend({
  modelId: modelIdSchema,
});

function toHistoryEvent(event: StoredEvent): ModelHistoryEvent {
  return {
    eventId: event.eventId,
    streamVersion: event.streamVersion,
    position: event.position,
    type: event.type,
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt.toISOString(),
    actor: event.metadata.actor,
    organisation: event.metadata.organisation,
    correlationId: event.metadata.correlationId ?? null,
    data: event.data,
    previousHash: event.previousHash,
    hash: event.hash,
  };
}

/**
 * A model's history as stored, for those holding the audit permission (an
 * auditor share, a risk owner, an admin): every event with its actor and hash
 * link, and a verification that recomputes the chain.
 */
@Injectable()
export class HistoryService {
  constructor(
    private readonly database: DatabaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ledger: LedgerService,
  ) {}

  /** One page of the model's events in stream order. */
  async events(
    scope: RequestScope,
    rawArgs: { modelId: string; first?: number | null; after?: string | null },
  ): Promise<ConnectionShape<ModelHistoryEvent>> {
    const args = parseInput(historyArgsSchema, rawArgs, '');
    const size = pageSize(args.first, this.config.graphql.maxPageSize);
    let fromVersion = 0;
    if (args.after) {
      const [version] = decodeCursor(args.after, 1);
      if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
        throw new ValidationError('after', 'a cursor returned by a previous page');
      }
      fromVersion = version + 1;
    }
    await scope.requireAccess(systemPermissionOf('Query.modelHistory'), [args.modelId]);
    const streamId = modelStreamId(args.modelId);
    const rows = await this.database.transaction(scope, (trx) =>
      this.database.eventStore.readStream(streamId, {
        fromVersion,
        limit: size + 1,
        transaction: trx,
      }),
    );
    if (rows.length === 0 && fromVersion === 0)
      throw new NotFound('Model', args.modelId, 'modelId');
    return toConnection(
      rows,
      size,
      async () => {
        const [last] = await this.database.eventStore.readStream(streamId, {
          direction: 'backward',
          limit: 1,
        });
        return last === undefined ? 0 : last.streamVersion + 1;
      },
      (row) => encodeCursor([row.streamVersion]),
      toHistoryEvent,
    );
  }

  /**
   * The latest checkpoint with inclusion proofs of the model's sealed events
   * and of its stream head: nothing of any other stream.
   */
  async proof(scope: RequestScope, rawModelId: string): Promise<LedgerProofs> {
    const modelId = parseInput(modelIdSchema, rawModelId, 'modelId');
    await scope.requireAccess(systemPermissionOf('Query.modelHistoryProof'), [modelId]);
    // Sealed first, so the proof covers what was committed before the request.
    await this.ledger.seal();
    try {
      return await this.ledger.prove([modelStreamId(modelId)]);
    } catch (error) {
      if (!(error instanceof LedgerNotFound)) throw error;
      throw new AppError(
        'NOT_FOUND',
        'No checkpoint covers this model yet: the log is sealed every CHECKPOINT_INTERVAL_SECONDS; retry shortly',
        null,
        {},
      );
    }
  }

  /**
   * Checks the model's events against their hash chain and the latest signed
   * checkpoint, naming every altered, inserted, deleted or reordered event.
   */
  async verify(scope: RequestScope, rawModelId: string): Promise<HistoryVerification> {
    const modelId = parseInput(modelIdSchema, rawModelId, 'modelId');
    await scope.requireAccess(systemPermissionOf('Query.verifyModelHistory'), [modelId]);
    const streamId = modelStreamId(modelId);
    const verifiedAt = new Date().toISOString();
    const [report, [last]] = await Promise.all([
      this.ledger.verify([streamId]),
      this.database.eventStore.readStream(streamId, { direction: 'backward', limit: 1 }),
    ]);
    if (last === undefined && report.eventFindings.length === 0)
      throw new NotFound('Model', modelId, 'modelId');
    const links = report.brokenLinks.map((link) => ({
      streamVersion: link.streamVersion,
      position: link.position,
      reason: link.reason,
      expected: link.expected,
      actual: link.actual,
    }));
    return {
      modelId,
      isIntact: report.isIntact,
      eventsChecked: report.eventsChecked,
      sealedEvents: report.sealedEvents,
      unsealedEvents: report.unsealedEvents,
      headHash: last?.hash ?? null,
      brokenLink: links[0] ?? null,
      brokenLinks: links,
      findings: report.eventFindings.map((finding) => ({
        kind: finding.kind,
        streamVersion: finding.streamVersion,
        position: finding.position,
        changes: finding.changes,
        isSealed: finding.isSealed,
        detail: finding.detail,
      })),
      logFindings: report.logFindings,
      checkpoint:
        report.checkpoint === null
          ? null
          : {
              treeSize: report.checkpoint.treeSize,
              rootHash: report.checkpoint.rootHash,
              sealedAt: report.checkpoint.sealedAt,
              keyId: report.checkpoint.keyId,
            },
      verifiedAt,
    };
  }
}
