/**
 * The baseline of the co-editing latency benchmark: the stock y-websocket
 * server (@y/websocket-server 0.1.1, as its own bin sets it up) on a plain
 * HTTP server, with no authentication, validation or persistence. A no-op
 * persistence makes it free a doc when its last client leaves, as ours does.
 * HOST and PORT say where it listens; any GET answers 200.
 */
import { createServer } from 'node:http';
import { setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

setPersistence({
  provider: null,
  bindState: () => undefined,
  writeState: async () => undefined,
});

const host = process.env['HOST'] ?? '127.0.0.1';
const port = Number(process.env['PORT'] ?? '1234');

const sockets = new WebSocketServer({ noServer: true });
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('okay');
});
server.on('upgrade', (request, socket, head) => {
  sockets.handleUpgrade(request, socket, head, (connection) => {
    setupWSConnection(connection, request);
  });
});
server.listen(port, host);

process.once('SIGTERM', () => {
  for (const client of sockets.clients) client.terminate();
  server.close(() => process.exit(0));
});
