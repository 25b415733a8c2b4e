import { defineTexts } from '../../i18n/texts.ts';

/** Self-service ordering of packages. */
export const packagesTexts = defineTexts({
  vi: {
    'packages.title': 'Đăng ký gói dịch vụ',
    'packages.subtitle': 'Chọn gói, xem giá ngay, đăng ký và thanh toán 100 % trực tuyến; gói được kích hoạt sau khi thanh toán.',
    'packages.buy': 'Đăng ký và thanh toán',
    'packages.toVnpay': 'Đang chuyển tới cổng thanh toán VNPay…',
    'packages.mine': 'Hợp đồng của tôi',
  },
  en: {
    'packages.title': 'Buy a package',
    'packages.subtitle': 'Pick a package, see the price, register and pay 100 % online; the package is activated after payment.',
    'packages.buy': 'Register and pay',
    'packages.toVnpay': 'Taking you to the VNPay gateway…',
    'packages.mine': 'My contracts',
  },
});
