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
});

export const userNotFound = (id: string) => fail('NOT_FOUND', { user: id }, { vi: 'không có người dùng này', en: 'no such user' });
