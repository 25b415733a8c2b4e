import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import * as c from './contract.ts';
import type { FeedService } from './index.ts';

export function feedRoutes(app: Server, feed: FeedService) {
  app.get('/api/v1/notifications/feed', {
    schema: {
      tags: ['notifications'],
      summary: "The caller's notification feed: approvals waiting, tasks near their deadline, SLA warnings, payments received (the bell)",
      response: { 200: c.feed },
    },
    preValidation: guard(),
    handler: async (req) => feed.feed(ctxOf(req)),
  });

  app.post('/api/v1/notifications/feed/read', {
    schema: {
      tags: ['notifications'],
      summary: 'Mark items of the feed read: `{keys}` some, `{all: true}` every item shown',
      body: c.markRead,
      response: { 200: c.markedRead },
    },
    preValidation: guard(),
    handler: async (req) => feed.markRead(ctxOf(req), req.body),
  });
}
