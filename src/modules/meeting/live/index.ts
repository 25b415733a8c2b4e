/**
 * Meeting's live layer, built by app.ts: the WebSocket hub, the browser's Janus proxy and the
 * LiveMeetings the control plane calls. The control plane is reached only through MeetingDirectory.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server } from '../../../http/server.ts';
import { LIVE_WS_PATH } from '../contract.ts';
import type { LiveMeetings } from '../live-ports.ts';
import { meetingError } from '../errors.ts';
import { LiveHub, type LiveHubOptions } from './hub.ts';
import { mediaProxyRoutes } from './media-proxy.ts';
import { LiveStore } from './store.ts';

export { MEDIA_PROXY_PATH } from './hub.ts';
export { mediaTicketSecret } from './ticket.ts';

/** The hub's options; the secret is the same in every process (app.ts derives it from the session secret). */
export type LiveLayerDeps = Omit<LiveHubOptions, 'rate'>;

export interface LiveLayer {
  live: LiveMeetings;
  /** Mounts the WebSocket and the Janus proxy on the server (before it listens). */
  mount(server: Server): void;
  /** Runs one round of the checks the tick runs (trial caps, empty meetings): tests on a test clock. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export async function createLiveMeetings(deps: LiveLayerDeps): Promise<LiveLayer> {
  const hub = new LiveHub(deps);
  await hub.start();
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= hub.close());
  return {
    live: hub,
    tick: () => hub.tick(),
    mount(server) {
      (server.server as HttpServer).on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
      });
      // A plain GET of the WebSocket's path (no Upgrade): what it is, in OpenAPI too.
      server.get(LIVE_WS_PATH, {
        schema: {
          tags: ['meeting'],
          summary:
            "The live meeting's WebSocket (Upgrade: websocket): first frame {type:'hello', token} with the join token; then roster, chat, private chat, hands, media states, host controls, notices (frames: @contracts/meeting clientMessage / serverMessage). A plain GET answers 426 WEBSOCKET_REQUIRED",
        },
        handler: async (_req, reply) => {
          reply.header('upgrade', 'websocket');
          throw meetingError('WEBSOCKET_REQUIRED');
        },
      });
      // Open WebSockets would hold the server's close: they end first.
      server.addHook('preClose', async () => close());
      // Mounted without Janus too (the route table stays the same): a meeting then has no media room (410).
      mediaProxyRoutes(server, { janus: deps.janus, store: new LiveStore(deps.database), secret: deps.secret, clock: deps.clock, log: deps.log });
    },
    close,
  };
}
