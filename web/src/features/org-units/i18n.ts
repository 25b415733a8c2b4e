import { defineTexts } from '../../i18n/texts.ts';

/** The organisation tree. */
export const orgUnitsTexts = defineTexts({
  vi: {
    'orgKind.corporation': 'Tổng công ty',
    'orgKind.center': 'Trung tâm',
    'orgKind.department': 'Phòng ban',
    'orgKind.regional_company': 'Công ty khu vực',
    'orgKind.billing_center': 'Trung tâm tính cước',
    'orgKind.agent': 'Đại lý',

    'org.title': 'Cơ cấu tổ chức',
    'org.empty': 'Chưa có đơn vị nào',
    'org.code': 'Mã',
  },
  en: {
    'orgKind.corporation': 'Corporation',
    'orgKind.center': 'Center',
    'orgKind.department': 'Department',
    'orgKind.regional_company': 'Regional company',
    'orgKind.billing_center': 'Billing center',
    'orgKind.agent': 'Agent',

    'org.title': 'Organisation',
    'org.empty': 'No org units yet',
    'org.code': 'Code',
  },
});
