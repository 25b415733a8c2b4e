import { defineTexts } from '../../i18n/texts.ts';

/** Customers (KHCN/KHDN) and their contacts. */
export const customersTexts = defineTexts({
  vi: {
    'customerType.individual': 'Cá nhân',
    'customerType.enterprise': 'Doanh nghiệp',

    'customer.type': 'Loại khách hàng',
    'customer.name': 'Tên khách hàng',
    'customer.taxCode': 'Mã số thuế',
    'customer.taxCodeInvalid': 'Mã số thuế gồm 10 chữ số, hoặc 10 chữ số - 3 chữ số',
    'customer.address': 'Địa chỉ',
    'customer.contacts': 'Người liên hệ',
    'customer.contact.name': 'Họ tên',
    'customer.contact.position': 'Chức vụ',
    'customer.addContact': 'Thêm người liên hệ',
    'customer.createTitle': 'Thêm khách hàng',
    'customer.created': 'Đã thêm khách hàng {name}',
  },
  en: {
    'customerType.individual': 'Individual',
    'customerType.enterprise': 'Enterprise',

    'customer.type': 'Customer type',
    'customer.name': 'Customer name',
    'customer.taxCode': 'Tax code',
    'customer.taxCodeInvalid': 'A tax code is 10 digits, or 10 digits - 3 digits',
    'customer.address': 'Address',
    'customer.contacts': 'Contacts',
    'customer.contact.name': 'Name',
    'customer.contact.position': 'Position',
    'customer.addContact': 'Add contact',
    'customer.createTitle': 'New customer',
    'customer.created': 'Customer {name} created',
  },
});
