import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { toXlsx } from '../../platform/export.ts';
import * as c from './contract.ts';
import type { CommissionService } from './index.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function commissionRoutes(app: Server, commissions: CommissionService) {
  app.get('/api/v1/commissions', {
    schema: {
      tags: ['commissions'],
      summary: "A month's commissions per beneficiary and contract (the accountant sees all; others their own)",
      querystring: c.periodQuery,
      response: { 200: c.commissionList },
    },
    preValidation: guard('commission.read'),
    handler: async (req) => commissions.list(ctxOf(req), req.query.period),
  });

  app.get('/api/v1/commissions/export', {
    schema: { tags: ['commissions'], summary: "A month's commissions as an Excel workbook", querystring: c.periodQuery },
    preValidation: guard('commission.read'),
    handler: async (req, reply) => {
      const { items } = await commissions.list(ctxOf(req), req.query.period);
      const rows = items.map((i) => ({
        'Người hưởng': i.beneficiaryUsername,
        'Số hợp đồng': i.contractNumber,
        'Thực thu (gồm VAT)': Number(i.collectedVnd),
        'Tỷ lệ (%)': i.rateBp / 100,
        'Hoa hồng': Number(i.amountVnd),
        'Trạng thái': i.status === 'approved' ? 'Đã duyệt' : 'Tạm tính',
      }));
      const file = `hoa-hong-${req.query.period}.xlsx`;
      return reply.type(XLSX).header('content-disposition', `attachment; filename="${file}"`).send(await toXlsx(rows, `Hoa hồng ${req.query.period}`));
    },
  });

  app.post('/api/v1/commissions/sync', {
    schema: {
      tags: ['commissions'],
      summary: 'Accrue the commissions of a month from the payments ledger (idempotent)',
      body: c.periodQuery,
      response: { 200: c.syncResult },
    },
    preValidation: guard('commission.approve'),
    handler: async (req) => ({ added: await commissions.sync(req.body.period) }),
  });

  app.get('/api/v1/commissions/statements', {
    schema: { tags: ['commissions'], summary: "A month's statements per beneficiary", querystring: c.periodQuery, response: { 200: c.statementList } },
    preValidation: guard('commission.read'),
    handler: async (req) => commissions.statements(ctxOf(req), req.query.period),
  });

  app.post('/api/v1/commissions/statements/approve', {
    schema: {
      tags: ['commissions'],
      summary: "Approve a beneficiary's statement of an ended month (accountant)",
      body: c.approveStatement,
      response: { 200: c.statement },
    },
    preValidation: guard('commission.approve'),
    handler: async (req) => commissions.approve(ctxOf(req), req.body.period, req.body.beneficiaryUsername),
  });

  app.get('/api/v1/commissions/minutes', {
    schema: {
      tags: ['commissions'],
      summary: 'The revenue-confirmation minutes (biên bản xác nhận doanh thu thực thu) of a beneficiary and month, printable',
      querystring: c.statementQuery,
    },
    preValidation: guard('commission.read'),
    handler: async (req, reply) =>
      reply.type('text/html; charset=utf-8').header('x-content-type-options', 'nosniff').send(
        await commissions.minutes(ctxOf(req), req.query.period, req.query.beneficiaryUsername)
      ),
  });
}
