import { Global, Module } from '@nestjs/common';
import { LedgerService } from './ledger.service.js';
import { WellKnownController } from './well-known.controller.js';

/** Sealing and verifying the event log; the public key and latest checkpoint at /.well-known/threatloom/. */
@Global()
@Module({
  controllers: [WellKnownController],
  providers: [LedgerService],
  exports: [LedgerService],
})
export class LedgerModule {}
