import { guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { fail } from '../../platform/errors.ts';
import type { SmscSimulator } from '../../simulators/smsc.ts';
import * as c from './contract.ts';
import type { NotificationService } from './service.ts';

export function notificationRoutes(app: Server, notifications: NotificationService, smsc: SmscSimulator | undefined) {
  app.get('/api/v1/notifications/messages', {
    schema: {
      tags: ['notifications'],
      summary: 'The mail and SMS log (outbox and inbound), newest first',
      querystring: c.messageQuery,
      response: { 200: c.messagesPage },
    },
    preValidation: guard('outbox.read'),
    handler: async (req) => notifications.list(req.query),
  });

  app.get('/api/v1/notifications/messages/:id', {
    schema: { tags: ['notifications'], params: c.idParams, response: { 200: c.message } },
    preValidation: guard('outbox.read'),
    handler: async (req) => notifications.get(req.params.id),
  });

  app.post('/api/v1/simulators/smsc/mo', {
    schema: {
      tags: ['simulators'],
      summary: 'Simulator only: a subscriber sends an SMS to a short code (travels over SMPP)',
      body: c.smsMo,
      response: { 202: c.accepted },
    },
    preValidation: guard('sms.simulate'),
    handler: async (req, reply) => {
      if (!smsc) throw fail('SIMULATOR_DISABLED');
      const from = req.body.from.replace(/^0/, '84');
      await smsc.sendMo(from, req.body.to, req.body.text);
      return reply.status(202).send({ accepted: true });
    },
  });
}
