import { guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import * as c from './contract.ts';
import type { RevenueFeedService } from './index.ts';

export function revenueFeedRoutes(app: Server, feed: RevenueFeedService) {
  app.get('/api/v1/revenue-feed', {
    schema: {
      tags: ['revenue-feed'],
      summary: "A month's records for BHTT and whether each was sent",
      querystring: c.periodBody,
      response: { 200: c.feedList },
    },
    preValidation: guard('payment.reconcile'),
    handler: async (req) => feed.list(req.query.period),
  });

  app.post('/api/v1/revenue-feed/close', {
    schema: {
      tags: ['revenue-feed'],
      summary: 'Queue an ended month for BHTT (idempotent: per contract, month and kind)',
      body: c.periodBody,
      response: { 200: c.closeResult },
    },
    preValidation: guard('payment.reconcile'),
    handler: async (req) => ({ queued: await feed.close(req.body.period) }),
  });
}
