import { defineTexts } from '../../i18n/texts.ts';

/** User administration. */
export const usersTexts = defineTexts({
  vi: {
    'user.username': 'Tên đăng nhập',
    'user.fullName': 'Họ và tên',
    'user.email': 'E-mail',
    'user.phone': 'Số điện thoại',
    'user.roles': 'Vai trò',
    'user.orgUnit': 'Đơn vị',
    'user.customer': 'Khách hàng',
    'user.status': 'Trạng thái',
    'user.locale': 'Ngôn ngữ',
    'user.newPassword': 'Mật khẩu mới',
    'user.newPasswordHint': 'Để trống nếu không đổi',

    'users.searchPlaceholder': 'Tên đăng nhập, họ tên, e-mail, số điện thoại',
    'users.create': 'Thêm người dùng',
    'users.createTitle': 'Thêm người dùng',
    'users.editTitle': 'Sửa người dùng {username}',
    'users.created': 'Đã tạo người dùng',
  },
  en: {
    'user.username': 'Username',
    'user.fullName': 'Full name',
    'user.email': 'E-mail',
    'user.phone': 'Phone',
    'user.roles': 'Roles',
    'user.orgUnit': 'Org unit',
    'user.customer': 'Customer',
    'user.status': 'Status',
    'user.locale': 'Language',
    'user.newPassword': 'New password',
    'user.newPasswordHint': 'Leave empty to keep the current one',

    'users.searchPlaceholder': 'Username, name, e-mail, phone',
    'users.create': 'New user',
    'users.createTitle': 'New user',
    'users.editTitle': 'Edit user {username}',
    'users.created': 'User created',
  },
});
