import { describe, expect, it } from 'vitest';
import { renderMinutes } from './minutes.ts';

describe('revenue-confirmation minutes', () => {
  const minutes = {
    period: '2026-11',
    beneficiary: { fullName: 'Lê Văn Cường', username: 'agent1', unitName: 'Đại lý <Sao Việt>', kind: 'agent' as const },
    lines: [
      { contractNumber: 'HD-2026-000001', collectedVnd: 1_100_000n, netVnd: 1_000_000n, rateBp: 4000, amountVnd: 400_000n },
      { contractNumber: 'HD-2026-000002', collectedVnd: 550_000n, netVnd: 500_000n, rateBp: 4000, amountVnd: 200_000n },
    ],
    amountInWords: 'Sáu trăm nghìn đồng',
  };

  it('names the month, the agent (escaped), each contract and the totals', () => {
    const html = renderMinutes({ ...minutes, approved: { by: 'Trịnh Văn Phúc', at: '01/12/2026' } });
    expect(html).toContain('BIÊN BẢN XÁC NHẬN DOANH THU THỰC THU<br>Tháng 11/2026');
    expect(html).toContain('Đại lý &lt;Sao Việt&gt;');
    expect(html).toContain('HD-2026-000002');
    expect(html).toContain('1.650.000 ₫');
    expect(html).toContain('600.000 ₫');
    expect(html).toContain('40 %');
    expect(html).not.toContain('DỰ THẢO');
  });

  it('marks a statement not yet approved as a draft', () => {
    expect(renderMinutes({ ...minutes, approved: null })).toContain('DỰ THẢO');
  });
});
