import { defineErrors } from '../../platform/errors.ts';

/** The support module's own codes; generic refusals (not found, not allowed, wrong state) use the kernel's `fail`. */
export const supportError = defineErrors({
  TICKET_RECEIVER_ONLY: {
    status: 403,
    vi: 'Chỉ tổng đài, AM/KAM và khách hàng mới tiếp nhận yêu cầu',
    en: 'Only the call center, AM/KAM and customers receive requests',
  },
  TICKET_CONTRACT_OF_ANOTHER_CUSTOMER: {
    status: 400,
    vi: (p: { contractId: string; customerId: string }) => `Hợp đồng ${p.contractId} không thuộc khách hàng ${p.customerId}`,
    en: (p: { contractId: string; customerId: string }) => `Contract ${p.contractId} does not belong to customer ${p.customerId}`,
  },
  REVIEW_LINK_INVALID: {
    status: 404,
    vi: 'Liên kết đánh giá không còn hiệu lực',
    en: 'This review link is no longer valid',
  },
});
