import { z } from 'zod';
import { guard, pageQuery } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { legacyError } from '../../platform/legacy-errors.ts';
import type { SmscSimulator } from '../../simulators/smsc.ts';
import type { NotificationService } from './service.ts';

export function notificationRoutes(app: Server, notifications: NotificationService, smsc: SmscSimulator | undefined) {
  app.get('/api/v1/notifications/messages', {
    schema: {
      tags: ['notifications'],
      summary: 'The mail and SMS log (outbox and inbound), newest first',
      querystring: z
        .object({
          channel: z.enum(['email', 'sms']).optional(),
          direction: z.enum(['in', 'out']).optional(),
          status: z.enum(['queued', 'sent', 'delivered', 'failed', 'received']).optional(),
          ...pageQuery,
        })
        .strict(),
    },
    preValidation: guard('outbox.read'),
    handler: async (req) => notifications.list(req.query),
  });

  app.get('/api/v1/notifications/messages/:id', {
    schema: { tags: ['notifications'], params: z.object({ id: z.string().max(40) }) },
    preValidation: guard('outbox.read'),
    handler: async (req) => notifications.get(req.params.id),
  });

  app.post('/api/v1/simulators/smsc/mo', {
    schema: {
      tags: ['simulators'],
      summary: 'Simulator only: a subscriber sends an SMS to a short code (travels over SMPP)',
      body: z
        .object({
          from: z.string().regex(/^(84|0)\d{9,10}$/, 'subscriber number like 84901234567'),
          to: z.string().regex(/^\d{3,6}$/).default('9223'),
          text: z.string().trim().min(1).max(480),
        })
        .strict(),
    },
    preValidation: guard('sms.simulate'),
    handler: async (req, reply) => {
      if (!smsc) throw legacyError('SIMULATOR_DISABLED');
      const from = req.body.from.replace(/^0/, '84');
      await smsc.sendMo(from, req.body.to, req.body.text);
      return reply.status(202).send({ accepted: true });
    },
  });
}
