import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { toCsv } from '../../platform/export.ts';
import { MAX_FILE_BYTES, sniffMime } from '../../platform/files.ts';
import { id } from '../../shared/fields.ts';
import * as c from './contract.ts';
import { ekycError } from './errors.ts';
import type { EkycService } from './module.ts';
import { MAX_FRAMES, type CardImages } from './use-cases/verify-card.ts';
import { MIN_FRAMES } from './domain/liveness.ts';

const PARTS = ['front', 'back', 'selfie'] as const;
/** The chip's files: EF.SOD and data groups 1–16. */
const CHIP_PART = /^(sod|dg([1-9]|1[0-6]))$/;
const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;
const LIMITS = { fileSize: MAX_FILE_BYTES, files: 2 + MAX_FRAMES + 17, fields: 18, parts: 2 + MAX_FRAMES + 18 };

/**
 * The multipart body of a verification: front, back and selfie (JPEG/PNG within the size limit;
 * `selfie` repeated for an active-liveness sequence, with the `challengeId` field), and optionally the
 * chip's files `sod`, `dg1`…`dg16` as file parts (raw bytes) or as text fields (base64). Other parts
 * are refused.
 */
async function cardImages(req: FastifyRequest): Promise<CardImages> {
  if (!req.isMultipart()) throw ekycError('EKYC_IMAGE_INVALID', { part: 'front' });
  const got: Partial<Pick<CardImages, 'front' | 'back'>> = {};
  const frames: CardImages['frames'] = [];
  const chip = new Map<string, Buffer>();
  let challengeId: string | undefined;
  for await (const part of req.parts({ limits: LIMITS })) {
    const name = part.fieldname;
    if (CHIP_PART.test(name)) {
      if (chip.has(name)) throw ekycError('EKYC_CHIP_INVALID', { part: name });
      const text = part.type === 'field' && !part.valueTruncated && typeof part.value === 'string' ? part.value : null;
      const content = part.type === 'file' ? await part.toBuffer().catch(() => null) : text !== null && BASE64.test(text) ? Buffer.from(text, 'base64') : null;
      if (!content || content.length === 0) throw ekycError('EKYC_CHIP_INVALID', { part: name });
      chip.set(name, content);
      continue;
    }
    if (name === 'challengeId' && part.type === 'field' && typeof part.value === 'string' && !challengeId) {
      challengeId = part.value;
      continue;
    }
    if (name === 'selfie' && frames.length >= MAX_FRAMES) throw ekycError('EKYC_FRAMES_INVALID', { min: MIN_FRAMES, max: MAX_FRAMES });
    const repeated = name !== 'selfie' && name in got;
    if (part.type !== 'file' || !PARTS.includes(name as (typeof PARTS)[number]) || repeated) throw ekycError('EKYC_IMAGE_INVALID', { part: name });
    const content = await part.toBuffer().catch(() => null); // over the size limit
    const mime = content && content.length > 0 ? sniffMime(content) : null;
    if (!content || !mime || mime === 'application/pdf') throw ekycError('EKYC_IMAGE_INVALID', { part: name });
    if (name === 'selfie') frames.push({ mime, content });
    else got[name as 'front' | 'back'] = { mime, content };
  }
  if (!got.front) throw ekycError('EKYC_IMAGE_INVALID', { part: 'front' });
  if (!got.back) throw ekycError('EKYC_IMAGE_INVALID', { part: 'back' });
  if (frames.length === 0) throw ekycError('EKYC_IMAGE_INVALID', { part: 'selfie' });
  const images: CardImages = { front: got.front, back: got.back, selfie: frames[0], ...(frames.length > 1 ? { frames } : {}), ...(challengeId ? { challengeId } : {}) };
  if (chip.size > 0) {
    const sod = chip.get('sod');
    if (!sod) throw ekycError('EKYC_CHIP_INVALID', { part: 'sod' });
    chip.delete('sod');
    images.chip = { sod, dataGroups: new Map([...chip].map(([k, v]) => [Number(k.slice(2)), v])) };
  }
  return images;
}

/** Machine to machine, in volume: limited per API key, not by the per-address limit of people. */
const perKey = { rateLimit: { max: 6_000, timeWindow: '1 minute', keyGenerator: (req: FastifyRequest) => String(req.headers['x-api-key'] ?? req.ip) } };

export async function ekycRoutes(app: Server, ekyc: EkycService) {
  const header = (req: FastifyRequest, name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
  const caller = (req: FastifyRequest) => ekyc.authorizeApiKey(header(req, 'x-api-key'), { requestId: req.id, ip: req.ip });
  const idem = (req: FastifyRequest) => header(req, 'idempotency-key');

  app.post('/api/v1/ekyc/checks/mrz', {
    schema: {
      tags: ['ekyc'],
      summary: 'Check the 3 lines of a TD1 MRZ (ICAO 9303, Vietnamese layout): fields and every check digit. Metered (ekyc.request), idempotent per Idempotency-Key',
      headers: c.apiHeaders,
      body: c.mrzCheckBody,
      response: { 200: c.mrzCheckResult },
    },
    config: perKey,
    handler: async (req, reply) => {
      const r = await ekyc.checkMrz(await caller(req), idem(req), req.body.lines);
      return reply.header('idempotency-key', r.requestId).send(r.response);
    },
  });

  app.post('/api/v1/ekyc/checks/id-number', {
    schema: {
      tags: ['ekyc'],
      summary: 'Check a 12-digit personal ID number: province code, century/sex digit, against a birth date and sex. Metered, idempotent per Idempotency-Key',
      headers: c.apiHeaders,
      body: c.idNumberCheckBody,
      response: { 200: c.idNumberCheckResult },
    },
    config: perKey,
    handler: async (req, reply) => {
      const r = await ekyc.checkIdNumber(await caller(req), idem(req), req.body);
      return reply.header('idempotency-key', r.requestId).send(r.response);
    },
  });

  app.post('/api/v1/ekyc/liveness-challenges', {
    schema: {
      tags: ['ekyc'],
      summary: 'An active-liveness challenge: actions to film (turn_left, turn_right, blink, look_up), valid 2 minutes, single use; answer with challengeId and 3–8 selfie frames in a verification. Not metered',
      headers: c.apiHeaders,
      response: { 200: c.livenessChallenge },
    },
    config: perKey,
    handler: async (req) => ekyc.livenessChallenge(await caller(req)),
  });

  app.post('/api/v1/ekyc/contracts/:id/liveness-challenges', {
    schema: {
      tags: ['ekyc'],
      summary: "The console's test page: an active-liveness challenge on the signed-in customer's own contract",
      params: z.object({ id }).strict(),
      response: { 200: c.livenessChallenge },
    },
    preValidation: guard('contract.read'),
    handler: async (req) => ekyc.livenessChallenge(await ekyc.authorizeCustomer(ctxOf(req), req.params.id)),
  });

  await app.register(async (plain) => {
    const scope = plain as unknown as Server; // the same typed server, in a scope that parses multipart
    await scope.register(multipart, { limits: LIMITS });
    scope.post('/api/v1/ekyc/verifications', {
      schema: {
        tags: ['ekyc'],
        summary: 'Verify a citizen ID card: multipart front, back (JPEG/PNG) and selfie (or up to 8 selfie frames with challengeId for active liveness), optionally the chip files sod, dg1, dg2, dg13… (passive authentication) → fields, checks, face-match and liveness scores, decision. Metered, idempotent per Idempotency-Key',
        consumes: ['multipart/form-data'],
        headers: c.apiHeaders,
        response: { 200: c.verificationResult },
      },
      config: perKey,
      handler: async (req, reply) => {
        const who = await caller(req);
        const r = await ekyc.verify(who, idem(req), await cardImages(req));
        return reply.header('idempotency-key', r.requestId).send(r.response);
      },
    });
    // The console's test page: a signed-in customer tries their own contract (metered like any call).
    scope.post('/api/v1/ekyc/contracts/:id/verifications', {
      schema: {
        tags: ['ekyc'],
        summary: "The console's test page: the signed-in customer verifies images on their own eKYC contract (metered like any call)",
        consumes: ['multipart/form-data'],
        params: z.object({ id }).strict(),
        headers: c.apiHeaders,
        response: { 200: c.verificationResult },
      },
      preValidation: guard('contract.read'),
      handler: async (req, reply) => {
        const who = await ekyc.authorizeCustomer(ctxOf(req), req.params.id);
        const r = await ekyc.verify(who, idem(req), await cardImages(req));
        return reply.header('idempotency-key', r.requestId).send(r.response);
      },
    });
  });

  app.get('/api/v1/ekyc/requests', {
    schema: { tags: ['ekyc'], summary: "A contract's eKYC request log (the customer's own; staff in scope)", querystring: c.requestQuery, response: { 200: c.requestLog } },
    preValidation: guard('contract.read'),
    handler: async (req) => ekyc.requests(ctxOf(req), req.query),
  });

  app.get('/api/v1/ekyc/requests/export', {
    schema: { tags: ['ekyc'], summary: 'The request log as CSV (UTF-8 with BOM)', querystring: c.exportQuery },
    preValidation: guard('contract.read'),
    handler: async (req, reply) => {
      const rows = await ekyc.exportRequests(ctxOf(req), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="ekyc-${req.query.contractId}.csv"`)
        .send(toCsv(rows));
    },
  });

  app.get('/api/v1/ekyc/requests/:id/images/:imageId', {
    schema: { tags: ['ekyc'], summary: "One image of a verification, for the customer's own users; every read is audited", params: c.imageParams },
    preValidation: guard('contract.read'),
    handler: async (req, reply) => {
      const img = await ekyc.image(ctxOf(req), req.params.id, req.params.imageId);
      return reply.type(img.mime).header('cache-control', 'no-store').send(img.content);
    },
  });

  app.get('/api/v1/ekyc/dashboard', {
    schema: { tags: ['ekyc'], summary: "A month of a contract's eKYC: outcomes, reasons, volume against the price tiers, the projected bill", querystring: c.dashboardQuery, response: { 200: c.dashboard } },
    preValidation: guard('contract.read'),
    handler: async (req) => ekyc.dashboard(ctxOf(req), req.query.contractId, req.query.period),
  });
}
