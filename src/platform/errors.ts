/**
 * Coded errors. Each module owns its codes in its `errors.ts` (`defineErrors`), with a status and a
 * message in each language that may take parameters; the kernel keeps only the generic codes below.
 * The HTTP layer and the CLI read `status` and `localizedMessage(locale)` from the error itself, so
 * no table here needs to know any module.
 */
export type Locale = 'vi' | 'en';

/** A message in both languages: never one language glued onto the other. */
export interface Bilingual {
  vi: string;
  en: string;
}

type Params = Record<string, unknown>;
type Text<P> = string | ((p: P) => string);

export interface ErrorDef<P extends Params = Params> {
  status: number;
  vi: Text<P>;
  en: Text<P>;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    private readonly messages: Bilingual,
    /** Sent to the client as `details`; for a module error these are the message's parameters. */
    readonly details?: unknown,
  ) {
    super(messages.en);
    this.name = 'AppError';
  }

  localizedMessage(locale: Locale): string {
    return this.messages[locale];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

const render = <P extends Params>(text: Text<P>, params: P): string => (typeof text === 'function' ? text(params) : text);

type ParamsOf<D> = D extends ErrorDef<infer P> ? P : never;
type ArgsOf<D> = D extends { vi: (p: never) => string } | { en: (p: never) => string } ? [params: ParamsOf<D>] : [details?: Params];

export type ErrorFactory<T extends Record<string, ErrorDef<never>>> = (<C extends keyof T & string>(code: C, ...args: ArgsOf<T[C]>) => AppError) & {
  readonly codes: T;
};

/**
 * A module's error catalogue. `const fail = defineErrors({...})`, then `throw fail('CODE', params)`:
 * the params fill the messages and travel to the client as `details`.
 */
export function defineErrors<const T extends Record<string, ErrorDef<never>>>(codes: T): ErrorFactory<T> {
  const fail = (code: string, params: Params = {}) => {
    const def = codes[code] as unknown as ErrorDef;
    const messages = { vi: render(def.vi, params), en: render(def.en, params) };
    return new AppError(code, def.status, messages, Object.keys(params).length ? params : undefined);
  };
  return Object.assign(fail, { codes }) as unknown as ErrorFactory<T>;
}

/** The generic codes every module may use; a rule of one module gets a code of that module instead. */
export const KERNEL_ERRORS = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  MALFORMED_JSON: { status: 400, vi: 'Nội dung JSON không đúng cú pháp', en: 'Malformed JSON body' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, vi: 'Định dạng nội dung không được hỗ trợ', en: 'Unsupported content type' },
  UNAUTHENTICATED: { status: 401, vi: 'Bạn cần đăng nhập', en: 'Sign-in required' },
  CSRF_INVALID: { status: 403, vi: 'Thiếu hoặc sai mã chống giả mạo (CSRF)', en: 'Missing or invalid CSRF token' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy', en: 'Not found' },
  CONFLICT: { status: 409, vi: 'Dữ liệu đã bị thay đổi hoặc đã tồn tại', en: 'Conflicting or duplicate data' },
  INVALID_TRANSITION: { status: 409, vi: 'Không thể chuyển trạng thái từ trạng thái hiện tại', en: 'Transition not allowed from the current state' },
  RATE_LIMITED: { status: 429, vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau', en: 'Too many requests; try again later' },
  BODY_TOO_LARGE: { status: 413, vi: 'Nội dung gửi lên quá lớn', en: 'Request body too large' },
  FILE_TOO_LARGE: { status: 413, vi: 'Tệp quá lớn (tối đa 5 MB)', en: 'File too large (at most 5 MB)' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, vi: 'Chỉ nhận tệp PDF, PNG hoặc JPEG', en: 'Only PDF, PNG or JPEG files are accepted' },
  SIMULATOR_DISABLED: { status: 404, vi: 'Bộ giả lập không bật', en: 'Simulators are disabled' },
  INVALID_TEXT: { status: 400, vi: 'Văn bản chứa ký tự không hợp lệ (ký tự NUL hoặc mã Unicode lỗi)', en: 'Text contains an invalid character (NUL or malformed Unicode)' },
  AMOUNT_TOO_LARGE: { status: 400, vi: 'Số tiền vượt quá giới hạn cho phép (dưới 1 triệu tỷ đồng)', en: 'The amount exceeds the allowed limit (below 10^15 đồng)' },
  DATABASE_UNAVAILABLE: { status: 503, vi: 'Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại sau ít giây', en: 'The database is briefly unavailable; try again in a few seconds' },
  INTERNAL: { status: 500, vi: 'Lỗi hệ thống, vui lòng thử lại', en: 'Internal error; please try again' },
} as const satisfies Record<string, ErrorDef>;

export type KernelCode = keyof typeof KERNEL_ERRORS;

/**
 * A generic error: `fail('NOT_FOUND', { contract: id })`. A `reason` in both languages says what
 * exactly was wrong, after the generic message.
 */
export function fail(code: KernelCode, details?: unknown, reason?: Bilingual): AppError {
  const def = KERNEL_ERRORS[code];
  const messages = reason ? { vi: `${def.vi}: ${reason.vi}`, en: `${def.en}: ${reason.en}` } : { vi: def.vi, en: def.en };
  return new AppError(code, def.status, messages, details);
}

/** CLI exit codes: 0 ok, 1 unexpected, 2 usage/validation, 3 auth, 4 not found, 5 conflict/state. */
export function exitCodeFor(status: number): number {
  if (status === 400 || status === 415) return 2;
  if (status === 401 || status === 403) return 3;
  if (status === 404) return 4;
  if (status === 409) return 5;
  return 1;
}
