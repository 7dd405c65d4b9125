import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../database/database.service.js';

/** What `GET /health` reports. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  database: { reachable: boolean; dialect: 'postgres' | 'pglite' };
  eventStore: { headPosition: number | null };
}

/** Probes the database and the event store. */
@Injectable()
export class HealthService {
  constructor(private readonly database: DatabaseService) {}

  /** Database reachability and the event store's head position (null when unreachable). */
  async check(): Promise<HealthReport> {
    const reachable = await this.database.isReachable();
    let headPosition: number | null = null;
    if (reachable) {
      try {
        headPosition = await this.database.eventStore.headPosition();
      } catch {
        headPosition = null;
      }
    }
    const isHealthy = reachable && headPosition !== null;
    return {
      status: isHealthy ? 'ok' : 'degraded',
      database: { reachable, dialect: this.database.dialect },
      eventStore: { headPosition },
    };
  }
}
