import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { StoredEvent, Subscription } from '@threatloom/eventstore';
import type { FastifyInstance } from 'fastify';
import { DOC_STREAM_CATEGORY } from '../collab/collab-streams.js';
import { DatabaseService } from '../database/database.service.js';
import type { ModelChange } from './model-change.types.js';
import { modelIdOfStream } from './model-stream.js';

/** The pub/sub topic of one model's changes. */
export function modelChangedTopic(modelId: string): string {
  return `model-changed:${modelId}`;
}

/**
 * Follows the event store from the head at start and publishes every model
 * event on the model's topic. Reading the store (not the mutation code path)
 * means subscribers also see changes written by other server processes.
 */
@Injectable()
export class ModelChangeFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ModelChangeFeed');
  private subscription: Subscription | null = null;

  constructor(
    private readonly database: DatabaseService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Starts following live appends. */
  async onApplicationBootstrap(): Promise<void> {
    const head = await this.database.eventStore.headPosition();
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    this.subscription = this.database.eventStore.subscribe({
      fromPosition: head + 1,
      // Model streams only: a doc's (possibly large) updates are not read.
      omitDataOf: [DOC_STREAM_CATEGORY],
      handler: (event) => this.publish(fastify, event),
    });
    this.subscription.finished.catch((error: unknown) =>
      this.logger.error(
        `model change feed stopped: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }

  /** Stops following before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  private async publish(fastify: FastifyInstance, event: StoredEvent): Promise<void> {
    const modelId = modelIdOfStream(event.streamId);
    if (modelId === null) return;
    const change: ModelChange = {
      modelId,
      type: event.type,
      streamVersion: event.streamVersion,
      position: event.position,
      recordedAt: event.recordedAt.toISOString(),
      data: event.data,
    };
    await fastify.graphql.pubsub.publish({
      topic: modelChangedTopic(modelId),
      payload: { modelChanged: change },
    });
  }
}
