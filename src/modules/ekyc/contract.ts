import { z } from 'zod';
import { id, instantOut, localDate, pageQuery, paged, vndOut } from '../../shared/fields.ts';

/**
 * The eKYC module's HTTP contract: the metered API (text checks, verifications) called with a
 * contract's X-Api-Key, and the customer's console (request log, dashboard, test page).
 */

export const sex = z.enum(['M', 'F']);
const check = z.object({ name: z.string(), ok: z.boolean() });
/** A birth date: any real date from 1900 (the business range of `localDate` starts in 2000). */
const birthDate = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2100-12-31', 'must be between 1900-01-01 and 2100-12-31');

/** The caller's request id (header `Idempotency-Key`): a resend with the same id counts once. */
export const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,80}$/;
export const apiHeaders = z.object({
  'x-api-key': z.string().max(200).optional(),
  'idempotency-key': z.string().max(200).optional(),
});

// POST /api/v1/ekyc/checks/mrz
export const mrzCheckBody = z.object({ lines: z.array(z.string().max(60)).length(3) }).strict();
export const mrzCheckResult = z.object({
  valid: z.boolean(),
  fields: z.object({
    documentNumber: z.string().nullable(),
    birthDate: z.string().nullable(),
    sex: sex.nullable(),
    expiryDate: z.string().nullable(),
    nationality: z.string().nullable(),
    surname: z.string().nullable(),
    givenNames: z.string().nullable(),
    /** The 12-digit personal ID number the Vietnamese layout carries in the optional data. */
    idNumber: z.string().nullable(),
  }),
  checks: z.array(check),
});

// POST /api/v1/ekyc/checks/id-number
export const idNumberCheckBody = z.object({ idNumber: z.string().max(40), birthDate: birthDate.optional(), sex: sex.optional() }).strict();
export const idNumberCheckResult = z.object({
  valid: z.boolean(),
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  sex: sex.nullable(),
  /** 20 = born 1900–1999, 21 = 2000–2099 … (the century digit). */
  century: z.number().int().nullable(),
  checks: z.array(check),
  birthYear: z.number().int().nullable(),
});

// POST /api/v1/ekyc/verifications
export const DECISIONS = ['approved', 'review', 'rejected'] as const;
export const verificationResult = z.object({
  id,
  requestId: z.string(),
  decision: z.enum(DECISIONS),
  reasons: z.array(z.object({ code: z.string(), check: z.string().optional() })),
  fields: z.object({
    idNumber: z.string().nullable(),
    fullName: z.string().nullable(),
    birthDate: z.string().nullable(),
    sex: sex.nullable(),
    nationality: z.string().nullable(),
    homeTown: z.string().nullable(),
    address: z.string().nullable(),
    issueDate: z.string().nullable(),
    expiryDate: z.string().nullable(),
  }),
  checks: z.array(check.extend({ group: z.enum(['mrz', 'qr', 'idNumber', 'dates', 'cross', 'chip', 'liveness']) })),
  scores: z.object({
    faceMatch: z.number().nullable(),
    faceMatchThreshold: z.number(),
    faceSizePx: z.number().nullable(),
    minFaceSizePx: z.number(),
    liveness: z.number().nullable(),
    livenessThreshold: z.number(),
    /** Which photo the selfie was matched against: the chip's (DG2, signed) or the printed one. */
    faceSource: z.enum(['chip', 'card']).optional(),
    /** Active liveness: the challenge's actions and whether each was seen in the frames. */
    livenessMode: z.enum(['passive', 'active']).optional(),
  }),
  /** Present when chip (NFC) data was sent: passive authentication's summary (its checks are in group `chip`). */
  chip: z
    .object({
      /** Every data group hashes to the SOD and the SOD's signature verifies. */
      intact: z.boolean(),
      /** The Document Signer chains to a configured CSCA, both valid, not revoked. */
      trusted: z.boolean(),
      dataGroups: z.array(z.number().int()),
      mrzLines: z.array(z.string()).nullable(),
      photo: z.enum(['used', 'absent', 'not_intact', 'jpeg2000_not_decodable', 'not_decodable']),
    })
    .optional(),
  mrzLines: z.array(z.string()).nullable(),
  durationMs: z.number().int(),
});

// POST /api/v1/ekyc/liveness-challenges
export const LIVENESS_ACTIONS = ['turn_left', 'turn_right', 'blink', 'look_up'] as const;
export const livenessChallenge = z.object({
  /** Send it as the `challengeId` field of the verification, with 3–8 `selfie` frames; single use. */
  id: z.string(),
  actions: z.array(z.enum(LIVENESS_ACTIONS)),
  expiresAt: z.string(),
});
export type LivenessChallenge = z.infer<typeof livenessChallenge>;

// The console: request log, export, dashboard.
export const OUTCOMES = ['pass', 'fail', ...DECISIONS] as const;
export const KINDS = ['mrz', 'id_number', 'verification'] as const;
export const requestQuery = z
  .object({ contractId: id, from: localDate.optional(), to: localDate.optional(), outcome: z.enum(OUTCOMES).optional(), kind: z.enum(KINDS).optional(), ...pageQuery })
  .strict();
export const exportQuery = requestQuery.omit({ page: true, pageSize: true });
export const requestLogItem = z.object({
  id,
  requestId: z.string(),
  kind: z.enum(KINDS),
  outcome: z.enum(OUTCOMES),
  reasons: z.array(z.string()),
  durationMs: z.number().int(),
  createdAt: instantOut,
  erasedAt: instantOut.nullable(),
  images: z.array(z.object({ id, part: z.string(), erased: z.boolean() })),
});
export const requestLog = paged(requestLogItem);

export const dashboardQuery = z.object({ contractId: id, period: z.string().regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, 'YYYY-MM').optional() }).strict();
export const dashboard = z.object({
  contractId: id,
  contractNumber: z.string(),
  period: z.string(),
  requests: z.number().int(),
  byOutcome: z.record(z.string(), z.number().int()),
  reasons: z.array(z.object({ code: z.string(), count: z.number().int() })),
  daily: z.array(z.object({ date: z.string(), pass: z.number().int(), fail: z.number().int() })),
  /** The metered volume this month (usage events), the price tiers and the tier it reached. */
  volume: z.number().int(),
  tiers: z.array(z.object({ from: z.number().int(), upTo: z.number().int().nullable(), unitPriceVnd: vndOut, reached: z.boolean() })),
  projected: z.object({ subtotalVnd: vndOut, vatVnd: vndOut, totalVnd: vndOut }),
  retentionDays: z.number().int(),
});
export const imageParams = z.object({ id, imageId: id }).strict();

export type MrzCheckResult = z.infer<typeof mrzCheckResult>;
export type IdNumberCheckResult = z.infer<typeof idNumberCheckResult>;
export type VerificationResult = z.infer<typeof verificationResult>;
export type RequestQuery = z.infer<typeof requestQuery>;
/** As the server hands it to the response schema (instants as `Date`). */
export type RequestLogItem = z.input<typeof requestLogItem>;
export type Dashboard = z.input<typeof dashboard>;
export type Outcome = (typeof OUTCOMES)[number];
export type Kind = (typeof KINDS)[number];
/** As the web receives them. */
export type DashboardView = z.output<typeof dashboard>;
export type RequestLogPage = z.output<typeof requestLog>;
export type RequestLogRow = z.output<typeof requestLogItem>;
