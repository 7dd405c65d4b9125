import { Module } from '@nestjs/common';
import { CollabService } from './collab.service.js';

/** Real-time co-editing: the y-websocket endpoint and the open models' docs. */
@Module({
  providers: [CollabService],
  exports: [CollabService],
})
export class CollabModule {}
