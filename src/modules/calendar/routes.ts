import { z } from 'zod';
import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { id, listOf } from '../../shared/fields.ts';
import * as c from './contract.ts';
import type { CalendarService } from './service.ts';

export function calendarRoutes(app: Server, calendar: CalendarService) {
  app.get('/api/v1/calendar/holidays', {
    schema: { tags: ['calendar'], summary: 'Statutory Vietnamese holidays of a year, substitute days included', querystring: c.holidaysQuery, response: { 200: listOf(c.holiday) } },
    preValidation: guard('calendar.read'),
    handler: async (req) => ({ items: calendar.holidays(req.query.year) }),
  });

  app.get('/api/v1/calendar/overrides', {
    schema: { tags: ['calendar'], summary: 'Extra days off and make-up working days', querystring: c.overridesQuery, response: { 200: listOf(c.calendarOverride) } },
    preValidation: guard('calendar.read'),
    handler: async (req) => ({ items: calendar.listOverrides(req.query.year) }),
  });

  app.post('/api/v1/calendar/overrides', {
    schema: {
      tags: ['calendar'],
      summary: "Add an extra day off ('off') or a make-up working day ('work')",
      body: c.newOverride,
      response: { 201: c.calendarOverride },
    },
    preValidation: guard('calendar.manage'),
    handler: async (req, reply) => reply.status(201).send(await calendar.addOverride(ctxOf(req), req.body)),
  });

  app.delete('/api/v1/calendar/overrides/:id', {
    schema: { tags: ['calendar'], params: z.object({ id }) },
    preValidation: guard('calendar.manage'),
    handler: async (req, reply) => {
      await calendar.removeOverride(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/calendar/working-hours', {
    schema: { tags: ['calendar'], querystring: c.unitQuery, response: { 200: c.workingHours } },
    preValidation: guard('calendar.read'),
    handler: async (req) => calendar.hoursOf(req.query.unitId),
  });

  app.put('/api/v1/calendar/working-hours', {
    schema: {
      tags: ['calendar'],
      summary: 'Set working hours for the default calendar or one unit',
      body: c.setWorkingHours,
      response: { 200: c.workingHours },
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
      querystring: c.daysQuery,
      response: { 200: listOf(c.dayInfo) },
    },
    preValidation: guard('calendar.read'),
    handler: async (req) => ({ items: calendar.days(req.query.from, req.query.to, req.query.unitId) }),
  });
}
