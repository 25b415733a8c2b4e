import type { SubscriberType } from '../../protocols/subscriber-ledger/protocol.ts';

export interface SubscriberInput {
  msisdn: string;
  type: SubscriberType;
  name: string;
  address: string;
  debtVnd: bigint;
  center?: number;
  blocked?: boolean;
}

/** Demo subscribers of the simulator: one or two per billing center, postpaid and prepaid. */
export const DEMO_SUBSCRIBERS: SubscriberInput[] = [
  { msisdn: '0901234567', type: 'postpaid', name: 'Nguyễn Văn Hùng', address: '12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội', debtVnd: 1_250_000n, center: 1 },
  { msisdn: '0904567890', type: 'postpaid', name: 'Đỗ Thị Hồng Nhung', address: '88 Trần Duy Hưng, Cầu Giấy, Hà Nội', debtVnd: 486_000n, center: 1 },
  { msisdn: '0931234567', type: 'postpaid', name: 'Trần Thị Thu Hà', address: '45 Nguyễn Huệ, Quận 1, TP. Hồ Chí Minh', debtVnd: 3_480_000n, center: 2 },
  { msisdn: '0898765432', type: 'postpaid', name: 'Lê Minh Tuấn', address: '210 Bạch Đằng, Hải Châu, Đà Nẵng', debtVnd: 15_600_000n, center: 3, blocked: true },
  { msisdn: '0701234567', type: 'prepaid', name: 'Phạm Thị Lan', address: '5 Lê Lợi, TP. Vinh, Nghệ An', debtVnd: 35_000n, center: 4 },
  { msisdn: '0769876543', type: 'prepaid', name: 'Hoàng Văn Nam', address: '17 Hòa Bình, Ninh Kiều, Cần Thơ', debtVnd: 12_500n, center: 5 },
  { msisdn: '0781112223', type: 'postpaid', name: 'Vũ Thị Mai', address: '9 Lạch Tray, Ngô Quyền, Hải Phòng', debtVnd: 742_300n, center: 6 },
];
