import { describe, expect, it } from 'vitest';
import { identityError, userNotFound } from './errors.ts';

describe('identity errors', () => {
  it('a weak password says what is wrong, in each language, with the problem as details', () => {
    const e = identityError('WEAK_PASSWORD', { problem: 'needs letters and digits' });
    expect(e).toMatchObject({ code: 'WEAK_PASSWORD', status: 400, details: { problem: 'needs letters and digits' } });
    expect(e.localizedMessage('vi')).toBe('Mật khẩu quá yếu: cần có cả chữ và số (ít nhất 8 ký tự, gồm chữ và số)');
    expect(e.localizedMessage('en')).toBe('The password is too weak: it needs both letters and digits (at least 8 characters, letters and digits)');
  });

  it('a taken username is named; wrong credentials mention the lockout', () => {
    const taken = identityError('USERNAME_TAKEN', { username: 'am1' });
    expect([taken.status, taken.localizedMessage('vi'), taken.localizedMessage('en')]).toEqual([
      409,
      'Tên đăng nhập "am1" đã được sử dụng',
      'The username "am1" is already taken',
    ]);
    const wrong = identityError('INVALID_CREDENTIALS');
    expect(wrong.status).toBe(401);
    expect(wrong.localizedMessage('vi')).toMatch(/sai 5 lần liên tiếp, tài khoản tạm khoá 15 phút/);
    expect(wrong.localizedMessage('en')).toMatch(/5 failures in a row lock the account for 15 minutes/);
  });

  it('an unknown user is the generic NOT_FOUND with its reason in each language', () => {
    const e = userNotFound('usr_x');
    expect(e).toMatchObject({ code: 'NOT_FOUND', status: 404, details: { user: 'usr_x' } });
    expect(e.localizedMessage('vi')).toBe('Không tìm thấy: không có người dùng này');
    expect(e.localizedMessage('en')).toBe('Not found: no such user');
  });
});
