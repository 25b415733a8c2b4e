import { defineErrors, fail } from '../../platform/errors.ts';
import { LOCK_MINUTES, MAX_FAILED_LOGINS, type PasswordProblem } from './domain/passwords.ts';

const PASSWORD_PROBLEMS: Record<PasswordProblem, { vi: string; en: string }> = {
  'too short': { vi: 'cần ít nhất 8 ký tự', en: 'it needs at least 8 characters' },
  'too long': { vi: 'không được quá 128 ký tự', en: 'it may have at most 128 characters' },
  'needs letters and digits': { vi: 'cần có cả chữ và số', en: 'it needs both letters and digits' },
  'contains the username': { vi: 'không được chứa tên đăng nhập', en: 'it must not contain the username' },
};

export const identityError = defineErrors({
  INVALID_CREDENTIALS: {
    status: 401,
    vi: `Tên đăng nhập hoặc mật khẩu không đúng (sai ${MAX_FAILED_LOGINS} lần liên tiếp, tài khoản tạm khoá ${LOCK_MINUTES} phút)`,
    en: `Wrong username or password (${MAX_FAILED_LOGINS} failures in a row lock the account for ${LOCK_MINUTES} minutes)`,
  },
  USERNAME_TAKEN: {
    status: 409,
    vi: (p: { username: string }) => `Tên đăng nhập "${p.username}" đã được sử dụng`,
    en: (p: { username: string }) => `The username "${p.username}" is already taken`,
  },
  WEAK_PASSWORD: {
    status: 400,
    vi: (p: { problem: PasswordProblem }) => `Mật khẩu quá yếu: ${PASSWORD_PROBLEMS[p.problem].vi} (ít nhất 8 ký tự, gồm chữ và số)`,
    en: (p: { problem: PasswordProblem }) => `The password is too weak: ${PASSWORD_PROBLEMS[p.problem].en} (at least 8 characters, letters and digits)`,
  },
  EMAIL_TAKEN: {
    status: 409,
    vi: 'Địa chỉ e-mail đã được một tài khoản khác sử dụng',
    en: 'This e-mail address is already used by another account',
  },
  PHONE_TAKEN: {
    status: 409,
    vi: 'Số điện thoại đã được một tài khoản khác sử dụng',
    en: 'This phone number is already used by another account',
  },
  RESET_LINK_INVALID: {
    status: 410,
    vi: 'Liên kết đặt lại mật khẩu không hợp lệ, đã được dùng hoặc đã hết hạn',
    en: 'The password reset link is invalid, already used or expired',
  },
  CURRENT_PASSWORD_WRONG: { status: 400, vi: 'Mật khẩu hiện tại không đúng', en: 'The current password is wrong' },
  CANNOT_DEMOTE_SELF: {
    status: 409,
    vi: 'Quản trị viên không thể tự khoá tài khoản hoặc tự bỏ quyền quản trị của mình',
    en: 'Administrators cannot disable their own account or remove their own admin role',
  },
  // Sign-in with Google / Apple (OpenID Connect)
  OIDC_PROVIDER_NOT_ENABLED: {
    status: 404,
    vi: 'Hình thức đăng nhập này không có hoặc chưa được bật (chỉ Google và Apple, khi quản trị hệ thống đã cấu hình)',
    en: 'This sign-in method does not exist or is not enabled (only Google and Apple, once configured by the operators)',
  },
  OIDC_RETURN_TO_INVALID: {
    status: 400,
    vi: 'Địa chỉ quay lại sau khi đăng nhập phải là một trang của hệ thống (bắt đầu bằng "/")',
    en: 'The page to return to after sign-in must be a path on this site (starting with "/")',
  },
  OIDC_PROVIDER_UNAVAILABLE: {
    status: 502,
    vi: 'Không kết nối được với nhà cung cấp đăng nhập, vui lòng thử lại sau ít phút hoặc đăng nhập bằng mật khẩu',
    en: 'The sign-in provider could not be reached; try again in a few minutes or sign in with your password',
  },
  OIDC_STATE_INVALID: {
    status: 400,
    vi: 'Phiên đăng nhập không hợp lệ, đã được dùng hoặc đã quá 10 phút. Vui lòng bấm đăng nhập lại',
    en: 'This sign-in attempt is invalid, already used or older than 10 minutes. Please start the sign-in again',
  },
  OIDC_DENIED: {
    status: 401,
    vi: 'Bạn đã huỷ đăng nhập hoặc nhà cung cấp đã từ chối cấp quyền',
    en: 'The sign-in was cancelled, or the provider refused it',
  },
  OIDC_CODE_REJECTED: {
    status: 401,
    vi: 'Nhà cung cấp không chấp nhận mã đăng nhập (có thể đã hết hạn hoặc đã được dùng). Vui lòng đăng nhập lại',
    en: 'The provider refused the sign-in code (it may have expired or been used). Please sign in again',
  },
  OIDC_TOKEN_INVALID: {
    status: 401,
    vi: 'Thông tin định danh (id_token) từ nhà cung cấp không hợp lệ hoặc đã hết hạn',
    en: 'The identity token (id_token) from the provider is invalid or expired',
  },
  OIDC_NONCE_MISMATCH: {
    status: 401,
    vi: 'Thông tin định danh không thuộc lần đăng nhập này (nonce không khớp). Vui lòng đăng nhập lại',
    en: 'The identity token does not belong to this sign-in (nonce mismatch). Please sign in again',
  },
  OIDC_EMAIL_UNVERIFIED: {
    status: 403,
    vi: 'Địa chỉ e-mail của tài khoản này chưa được nhà cung cấp xác minh; hãy xác minh e-mail hoặc đăng nhập bằng mật khẩu',
    en: 'The provider has not verified this account\'s e-mail address; verify it there or sign in with your password',
  },
  OIDC_ACCOUNT_NOT_FOUND: {
    status: 403,
    vi: 'Không có tài khoản nào dùng e-mail này. Khách hàng cá nhân hãy đăng ký tài khoản; nhân viên và khách hàng doanh nghiệp hãy liên hệ quản trị viên để được cấp tài khoản',
    en: 'No account uses this e-mail. Individual customers can register; staff and enterprise customers should ask their administrator for an account',
  },
  OIDC_ACCOUNT_AMBIGUOUS: {
    status: 409,
    vi: 'Nhiều tài khoản dùng chung e-mail này nên không thể tự liên kết; hãy đăng nhập bằng mật khẩu hoặc liên hệ quản trị viên',
    en: 'Several accounts share this e-mail, so it cannot be linked automatically; sign in with your password or ask your administrator',
  },
});

export const userNotFound = (id: string) => fail('NOT_FOUND', { user: id }, { vi: 'không có người dùng này', en: 'no such user' });
