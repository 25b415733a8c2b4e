import { defineTexts } from '../../i18n/texts.ts';

/** The signed-in user's profile, password and sessions. */
export const profileTexts = defineTexts({
  vi: {
    'profile.title': 'Hồ sơ cá nhân',
    'account.password.title': 'Đổi mật khẩu',
    'account.password.current': 'Mật khẩu hiện tại',
    'account.password.submit': 'Đổi mật khẩu',
    'account.password.done': 'Đã đổi mật khẩu; các phiên đăng nhập khác đã kết thúc',
    'account.sessions.title': 'Phiên đăng nhập',
    'account.sessions.device': 'Thiết bị / trình duyệt',
    'account.sessions.ip': 'Địa chỉ IP',
    'account.sessions.created': 'Đăng nhập lúc',
    'account.sessions.lastSeen': 'Hoạt động gần nhất',
    'account.sessions.current': 'Phiên này',
    'account.sessions.end': 'Đăng xuất',
    'account.sessions.endOthers': 'Đăng xuất mọi nơi khác',
    'account.sessions.endOthersConfirm': 'Kết thúc mọi phiên đăng nhập khác, trừ phiên này?',
    'account.sessions.ended': 'Đã đăng xuất',
  },
  en: {
    'profile.title': 'My profile',
    'account.password.title': 'Change password',
    'account.password.current': 'Current password',
    'account.password.submit': 'Change password',
    'account.password.done': 'Password changed; your other sessions have been signed out',
    'account.sessions.title': 'Sessions',
    'account.sessions.device': 'Device / browser',
    'account.sessions.ip': 'IP address',
    'account.sessions.created': 'Signed in',
    'account.sessions.lastSeen': 'Last active',
    'account.sessions.current': 'This session',
    'account.sessions.end': 'Sign out',
    'account.sessions.endOthers': 'Sign out everywhere else',
    'account.sessions.endOthersConfirm': 'End every other session, keeping this one?',
    'account.sessions.ended': 'Signed out',
  },
});
