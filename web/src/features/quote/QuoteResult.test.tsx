import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { Quote } from '@contracts/catalog';
import { renderInApp } from '../../testing/render.tsx';
import { QuoteResult } from './QuoteResult.tsx';

const meeting: Quote = {
  product: 'MEETING',
  plan: 'MEETING-SAAS',
  priceVersion: 1,
  unitPriceVnd: '350000',
  subtotalVnd: '21000000',
  vatRate: '10',
  vatVnd: '2100000',
  totalVnd: '23100000',
  periodMonths: 12,
  lines: [{ description: 'Phòng họp (5 phòng × 12 tháng)', descriptionEn: 'Meeting rooms (5 rooms × 12 months)', quantity: 5, months: 12, unitPriceVnd: '350000', amountVnd: '21000000' }],
};

describe('the amounts of a quote', () => {
  it('shows unit price per unit, subtotal, VAT with its rate, the total and each line', () => {
    renderInApp(<QuoteResult quote={meeting} unit="phòng / tháng" />);
    expect(screen.getByText('350.000 ₫', { selector: '.ant-descriptions-item-content *' }).parentElement?.textContent).toBe('350.000 ₫ / phòng / tháng');
    expect(screen.getByTestId('quote-total').textContent).toBe('23.100.000 ₫');
    expect(screen.getByText('2.100.000 ₫')).toBeTruthy();
    expect(screen.getByText('(VAT 10%)')).toBeTruthy();
    const line = screen.getByText('Phòng họp (5 phòng × 12 tháng)').closest('tr')!;
    expect([...line.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['Phòng họp (5 phòng × 12 tháng)', '5', '12', '350.000 ₫', '21.000.000 ₫']);
  });

  it('shows "not subject to VAT" without an amount for KCT products', () => {
    renderInApp(<QuoteResult quote={{ ...meeting, vatRate: 'KCT', vatVnd: '0', totalVnd: '21000000' }} />);
    expect(screen.queryByText('0 ₫')).toBeNull();
    expect(screen.getByText('Không chịu thuế (KCT)')).toBeTruthy();
    expect(screen.getByTestId('quote-total').textContent).toBe('21.000.000 ₫');
  });

  it('in English shows the English line and VAT words (documents keep the Vietnamese)', () => {
    localStorage.setItem('qldv.lang', 'en');
    try {
      renderInApp(<QuoteResult quote={{ ...meeting, vatRate: 'KCT', vatVnd: '0', totalVnd: '21000000' }} />);
      expect(screen.getByText('Meeting rooms (5 rooms × 12 months)')).toBeTruthy();
      expect(screen.queryByText('Phòng họp (5 phòng × 12 tháng)')).toBeNull();
      expect(screen.queryByText('Không chịu thuế (KCT)')).toBeNull();
    } finally {
      localStorage.removeItem('qldv.lang');
    }
  });

  it('asks to pick a product before there is a quote', () => {
    renderInApp(<QuoteResult quote={undefined} />);
    expect(screen.getByText(/chọn/i)).toBeTruthy();
  });
});
