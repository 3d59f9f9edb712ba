import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PersistedDocuments } from './http/persisted-documents.js';
import type { Tracing } from './http/tracing.js';
import { createHttpApp, type Yoga } from './http/yoga.js';
import { createLogger } from './logger.js';
import { createServices, type Services, type ServicesOptions } from './services.js';
import { createWsServer } from './ws.js';

export interface AppOptions extends Omit<ServicesOptions, 'logger'> {
  logger?: ServicesOptions['logger'];
  /** Pre-fills GraphiQL's Authorization header and the web page's key (development only). */
  graphiqlApiKey?: string;
  /** OpenTelemetry, when started (startTracing): spans for requests, operations and turns. */
  tracing?: Tracing;
}

export interface App {
  server: Server;
  yoga: Yoga;
  services: Services;
  /** Listens (port 0: any free port) and resolves with the GraphQL URL. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The whole API in one object, with no global state: the services built once, GraphQL over HTTP
 * (Yoga) and over WebSocket (graphql-ws) on one server. Tests run it in-process on port 0.
 */
export function createApp(options: AppOptions): App {
  const logger = options.logger ?? createLogger(options.config);
  const services = createServices({ ...options, logger, telemetry: Boolean(options.tracing) });
  const persisted = PersistedDocuments.load(options.config.persistedDocuments);
  const yoga = createHttpApp(services, {
    devApiKey: options.graphiqlApiKey,
    persisted,
    plugins: options.tracing?.plugins,
  });
  // Idle keep-alive connections stay open longer than clients keep them (undici 4 s, proxies
  // and load balancers typically 60 s): the client closes first, so a request it sends on a
  // connection the server is just closing (a reset the client cannot tell from a crash) does
  // not happen.
  const server = createServer({ keepAliveTimeout: 65_000 }, yoga);
  const ws = createWsServer(server, yoga, services, persisted);
  return {
    server,
    yoga,
    services,
    async listen(port = options.config.port, host = options.config.host) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        // A deep accept queue: a burst of connections waits for the event loop in the kernel
        // instead of being dropped (clients would see connect timeouts). Linux caps it at
        // net.core.somaxconn.
        server.listen({ port, host, backlog: 4096 }, () => resolve());
      });
      await services.start();
      const { port: actual } = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      return `http://${shownHost}:${actual}/graphql`;
    },
    async close() {
      await services.stop();
      await ws.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}
