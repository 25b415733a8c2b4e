import { z } from 'zod';
import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { toXlsx } from '../../platform/export.ts';
import { id } from '../../shared/fields.ts';
import * as c from './contract.ts';
import type { CollectionService } from './index.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The stages as the accountant reads them in the Excel export (the web has both languages). */
const STAGE_VI: Record<string, string> = {
  current: 'Trong hạn',
  reminded: 'Đã nhắc',
  suspended: 'Tạm dừng dịch vụ',
  locked: 'Đã khoá dịch vụ',
  in_collection: 'Đang thu nợ',
};
const params = z.object({ id });

export function collectionRoutes(app: Server, collection: CollectionService) {
  app.get('/api/v1/collection/policy', {
    schema: { tags: ['collection'], summary: 'The collection policy: steps by days past due', response: { 200: c.policyOut } },
    preValidation: guard('collection.read'),
    handler: async () => collection.policy(),
  });

  app.put('/api/v1/collection/policy', {
    schema: {
      tags: ['collection'],
      summary: 'Change the collection policy (audited; applied by the next daily run)',
      body: c.policy,
      response: { 200: c.policyOut },
    },
    preValidation: guard('collection.policy'),
    handler: async (req) => collection.setPolicy(ctxOf(req), req.body),
  });

  app.post('/api/v1/collection/run', {
    schema: { tags: ['collection'], summary: "Run today's evaluation now (idempotent: no step is taken twice)", response: { 200: c.runResult } },
    preValidation: guard('collection.policy'),
    handler: async () => collection.runDaily(),
  });

  app.get('/api/v1/collection/aging', {
    schema: { tags: ['collection'], summary: 'Debt past due by age: 0–30, 31–60, 61–90, over 90 days', response: { 200: c.aging } },
    preValidation: guard('collection.read'),
    handler: async (req) => collection.aging(ctxOf(req)),
  });

  app.get('/api/v1/collection/aging/export', {
    schema: { tags: ['collection'], summary: 'The aging report as an Excel workbook' },
    preValidation: guard('collection.read'),
    handler: async (req, reply) => {
      const report = await collection.aging(ctxOf(req));
      const rows = report.contracts.map((r) => ({
        'Số hợp đồng': r.contractNumber,
        'Khách hàng': r.customerName,
        'Giai đoạn': STAGE_VI[r.stage] ?? r.stage,
        '0–30 ngày': Number(r.byBucket['0-30']),
        '31–60 ngày': Number(r.byBucket['31-60']),
        '61–90 ngày': Number(r.byBucket['61-90']),
        'Trên 90 ngày': Number(r.byBucket['90+']),
        'Tổng nợ': Number(r.totalVnd),
      }));
      const file = `tuoi-no-${report.asOf}.xlsx`;
      return reply.type(XLSX).header('content-disposition', `attachment; filename="${file}"`).send(await toXlsx(rows, `Tuổi nợ ${report.asOf}`));
    },
  });

  app.get('/api/v1/collection/cases', {
    schema: { tags: ['collection'], querystring: c.casesQuery, response: { 200: c.caseList } },
    preValidation: guard('collection.read'),
    handler: async (req) => collection.cases(ctxOf(req), req.query.status),
  });

  app.post('/api/v1/collection/cases/:id/assign', {
    schema: {
      tags: ['collection'],
      summary: 'Assign a case to an AM/KAM or collection staff',
      params,
      body: c.assignBody,
      response: { 200: c.collectionCase },
    },
    preValidation: guard('collection.work'),
    handler: async (req) => collection.assign(ctxOf(req), req.params.id, req.body.assigneeUsername),
  });

  app.post('/api/v1/collection/cases/:id/promises', {
    schema: { tags: ['collection'], summary: "Note the customer's promise to pay", params, body: c.promiseBody, response: { 200: c.collectionCase } },
    preValidation: guard('collection.work'),
    handler: async (req) => collection.promise(ctxOf(req), req.params.id, { ...req.body, amountVnd: BigInt(req.body.amountVnd) }),
  });

  app.post('/api/v1/collection/cases/:id/write-off', {
    schema: {
      tags: ['collection'],
      summary: 'Request the write-off of the bad debt (approved by the accountant)',
      params,
      body: c.reasonBody,
      response: { 201: c.writeOff },
    },
    preValidation: guard('collection.work'),
    handler: async (req, reply) => reply.status(201).send(await collection.requestWriteOff(ctxOf(req), req.params.id, req.body.reason)),
  });

  app.get('/api/v1/collection/write-offs', {
    schema: { tags: ['collection'], querystring: c.writeOffsQuery, response: { 200: c.writeOffList } },
    preValidation: guard('collection.write_off'),
    handler: async (req) => collection.writeOffs(req.query.status),
  });

  app.post('/api/v1/collection/write-offs/:id/approve', {
    schema: {
      tags: ['collection'],
      summary: 'Approve a write-off (not by its requester): bills written off, commission reversed',
      params,
      response: { 200: c.writeOff },
    },
    preValidation: guard('collection.write_off'),
    handler: async (req) => collection.decideWriteOff(ctxOf(req), req.params.id, 'approve'),
  });

  app.post('/api/v1/collection/write-offs/:id/reject', {
    schema: { tags: ['collection'], params, body: c.reasonBody, response: { 200: c.writeOff } },
    preValidation: guard('collection.write_off'),
    handler: async (req) => collection.decideWriteOff(ctxOf(req), req.params.id, 'reject', req.body.reason),
  });
}
