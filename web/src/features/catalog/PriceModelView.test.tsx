import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderInApp } from '../../testing/render.tsx';
import { PriceModelView } from './PriceModelView.tsx';

const volume = {
  kind: 'volume' as const,
  unit: 'request',
  tiers: [
    { upTo: 5000, unitPriceVnd: '1500' },
    { upTo: 50000, unitPriceVnd: '1200' },
    { upTo: null, unitPriceVnd: '900' },
  ],
};

describe('PriceModelView', () => {
  it('shows each tier with its range and its price in đồng', () => {
    renderInApp(<PriceModelView model={volume} />);
    const rows = screen.getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual(['1 – 5.0001.500 ₫', '5.001 – 50.0001.200 ₫', 'Trên 50.000900 ₫']);
  });

  it('highlights the tier a quantity reaches', () => {
    renderInApp(<PriceModelView model={volume} quantity={7000} />);
    const reached = document.querySelectorAll('.tier-reached');
    expect(reached).toHaveLength(1);
    expect(within(reached[0] as HTMLElement).getByText('1.200 ₫')).toBeTruthy();
  });

  it('says a quote-only plan is priced on request', () => {
    renderInApp(<PriceModelView model={{ kind: 'quote' }} />);
    expect(screen.getByText(/báo giá/i)).toBeTruthy();
  });
});
