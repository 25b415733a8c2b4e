import { z } from 'zod';
import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { localDate } from '../../http/validation.ts';
import type { CalendarService } from './service.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const year = z.coerce.number().int().min(2000).max(2100);

export function calendarRoutes(app: Server, calendar: CalendarService) {
  app.get('/api/v1/calendar/holidays', {
    schema: { tags: ['calendar'], summary: 'Statutory Vietnamese holidays of a year, substitute days included', querystring: z.object({ year }).strict() },
    preValidation: guard('calendar.read'),
    handler: async (req) => ({ items: calendar.holidays(req.query.year) }),
  });

  app.get('/api/v1/calendar/overrides', {
    schema: { tags: ['calendar'], summary: 'Extra days off and make-up working days', querystring: z.object({ year: year.optional() }).strict() },
    preValidation: guard('calendar.read'),
    handler: async (req) => ({ items: calendar.listOverrides(req.query.year) }),
  });

  app.post('/api/v1/calendar/overrides', {
    schema: {
      tags: ['calendar'],
      summary: "Add an extra day off ('off') or a make-up working day ('work')",
      body: z.object({ date: localDate, kind: z.enum(['off', 'work']), name: z.string().trim().min(2).max(200) }).strict(),
    },
    preValidation: guard('calendar.manage'),
    handler: async (req, reply) => reply.status(201).send(await calendar.addOverride(ctxOf(req), req.body)),
  });

  app.delete('/api/v1/calendar/overrides/:id', {
    schema: { tags: ['calendar'], params: z.object({ id: z.string().max(40) }) },
    preValidation: guard('calendar.manage'),
    handler: async (req, reply) => {
      await calendar.removeOverride(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/calendar/working-hours', {
    schema: { tags: ['calendar'], querystring: z.object({ unitId: z.string().max(40).optional() }).strict() },
    preValidation: guard('calendar.read'),
    handler: async (req) => calendar.hoursOf(req.query.unitId),
  });

  app.put('/api/v1/calendar/working-hours', {
    schema: {
      tags: ['calendar'],
      summary: 'Set working hours for the default calendar or one unit',
      body: z
        .object({
          unitId: z.string().max(40).nullable().default(null),
          weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
          windows: z.array(z.object({ start: hhmm, end: hhmm }).strict()).min(1).max(6),
        })
        .strict(),
    },
    preValidation: guard('calendar.manage'),
    handler: async (req) => {
      const { unitId, ...hours } = req.body;
      await calendar.setWorkingHours(ctxOf(req), unitId, hours);
      return calendar.hoursOf(unitId ?? undefined);
    },
  });

  app.get('/api/v1/calendar/days', {
    schema: {
      tags: ['calendar'],
      summary: 'Each day of a range (at most 400 days) with whether it is worked and why',
      querystring: z.object({ from: localDate, to: localDate, unitId: z.string().max(40).optional() }).strict(),
    },
    preValidation: guard('calendar.read'),
    handler: async (req) => ({ items: calendar.days(req.query.from, req.query.to, req.query.unitId) }),
  });
}
