import { ConfigError, loadConfig } from './config/config.schema.js';
import { createApp } from './app.factory.js';
import { DatabaseService } from './database/database.service.js';
import { LedgerService } from './ledger/ledger.service.js';
import { createLogger } from './logging/logger-options.js';

/** The URL people should open: `localhost` when bound to every interface or loopback. */
function publicUrl(host: string, port: number): string {
  const isLocal = host === '0.0.0.0' || host === '::' || host === '127.0.0.1' || host === '::1';
  return `http://${isLocal ? 'localhost' : host}:${port}`;
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  const app = await createApp(config, logger);
  await app.listen({ port: config.port, host: config.host });
  const url = publicUrl(config.host, config.port);
  logger.info({ url, dialect: app.get(DatabaseService).dialect }, 'listening');
  console.log(`Threatloom is running at ${url} (GraphQL: ${url}/graphql)`);
  const { fingerprint } = app.get(LedgerService).signingKey;
  console.log(
    `Checkpoints of the event log are signed by key ${fingerprint} (${config.ledger.keyFile}); public key: ${url}/.well-known/threatloom/checkpoint-key`,
  );
}

main().catch((error: unknown) => {
  console.error('Threatloom failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
