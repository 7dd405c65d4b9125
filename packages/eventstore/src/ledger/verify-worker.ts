import pg from 'pg';
import { parentPort, workerData } from 'node:worker_threads';
import { emptyScanResult, scanQuery, scanRow, type ScanRow, type ScanSpec } from './ledger-scan.js';

/**
 * A verify worker: scans its share of the streams over its own PostgreSQL
 * connection (a cursor in a read-only transaction) and posts the ScanResult.
 */
interface WorkerInput {
  url: string;
  spec: ScanSpec;
  collectsLeafless: boolean;
  fetchSize: number;
}

async function scan(input: WorkerInput) {
  const client = new pg.Client({ connectionString: input.url });
  await client.connect();
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    await client.query(
      `DECLARE verify_scan NO SCROLL CURSOR FOR ${scanQuery(input.spec, (text) => client.escapeLiteral(text))}`,
    );
    const result = emptyScanResult();
    for (;;) {
      const { rows } = await client.query<ScanRow>(`FETCH ${input.fetchSize} FROM verify_scan`);
      for (const row of rows) scanRow(row, result, input.collectsLeafless);
      if (rows.length < input.fetchSize) break;
    }
    await client.query('COMMIT');
    return result;
  } finally {
    await client.end();
  }
}

scan(workerData as WorkerInput).then(
  (result) => parentPort?.postMessage({ result }),
  (error: unknown) =>
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
