import { AutoComplete, Button, Checkbox, Form, Select, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { PriceModelJson } from '@contracts/catalog';
import { useT, type Translate } from '../../i18n/index.tsx';
import { CountInput, MoneyInput } from '../../ui/MoneyInput.tsx';
import { requiredChoiceRule, requiredRule } from '../../ui/rules.ts';
import { rangeLabel } from './PriceModelView.tsx';
import { unitLabel } from './catalog.ts';

/** The editable shape of a price model inside a form (money as digit strings, bounds as integers). */
export interface ModelForm {
  kind: PriceModelJson['kind'];
  unit?: string;
  periods?: number[];
  tiers?: { upTo: number | null; unitPriceVnd: string | null }[];
  brackets?: { upTo: number | null; pricesVnd?: Record<string, string | null> }[];
  amountVnd?: string | null;
}

const KINDS: PriceModelJson['kind'][] = ['volume', 'graduated', 'per_unit_period', 'flat', 'quote'];
const PERIOD_OPTIONS = [1, 3, 6, 12, 24];
const UNITS = ['request', 'room', 'user', 'license', 'month'];

export function toModelForm(model: PriceModelJson | null | undefined): ModelForm {
  if (!model) return { kind: 'volume', unit: 'request', tiers: [{ upTo: null, unitPriceVnd: null }] };
  switch (model.kind) {
    case 'volume':
    case 'graduated':
      return { kind: model.kind, unit: model.unit, periods: model.periods, tiers: model.tiers.map((x) => ({ ...x })) };
    case 'per_unit_period':
      return {
        kind: model.kind,
        unit: model.unit,
        periods: model.periods,
        brackets: model.brackets.map((b) => ({ upTo: b.upTo, pricesVnd: { ...b.pricesVnd } })),
      };
    case 'flat':
      return { kind: 'flat', amountVnd: model.amountVnd, periods: model.periods };
    default:
      return { kind: 'quote' };
  }
}

/** Form values → the model the API takes (validated by the form rules beforehand). */
export function fromModelForm(v: ModelForm): PriceModelJson {
  const periods = [...(v.periods ?? [])].sort((a, b) => a - b);
  const unit = v.unit?.trim() || 'unit';
  switch (v.kind) {
    case 'volume':
    case 'graduated':
      return {
        kind: v.kind,
        unit,
        tiers: (v.tiers ?? []).map((x) => ({ upTo: x.upTo ?? null, unitPriceVnd: x.unitPriceVnd ?? '0' })),
        ...(periods.length ? { periods } : {}),
      };
    case 'per_unit_period':
      return {
        kind: 'per_unit_period',
        unit,
        periods,
        brackets: (v.brackets ?? []).map((b) => ({
          upTo: b.upTo ?? null,
          pricesVnd: Object.fromEntries(periods.map((p) => [String(p), b.pricesVnd?.[String(p)] ?? '0'])),
        })),
      };
    case 'flat':
      return { kind: 'flat', amountVnd: v.amountVnd ?? '0', ...(periods.length ? { periods } : {}) };
    default:
      return { kind: 'quote' };
  }
}

/** Upper bounds must increase and only the last may be empty (= no limit). */
const boundsRule = (t: Translate) => ({
  validator: async (_: unknown, rows: { upTo: number | null }[] | undefined) => {
    if (!rows?.length) throw new Error(t('price.tiersRequired'));
    let prev = 0;
    rows.forEach((r, i) => {
      const last = i === rows.length - 1;
      if (last ? r?.upTo != null : r?.upTo == null || r.upTo <= prev) throw new Error(t('price.tiersInvalid'));
      prev = r?.upTo ?? prev;
    });
  },
});

/** Fields of a price model, under `name` (e.g. `model`) of the surrounding form. */
export function PriceModelFields({ name = 'model' }: { name?: string }) {
  const t = useT();
  const form = Form.useFormInstance();
  const kind: PriceModelJson['kind'] | undefined = Form.useWatch([name, 'kind'], form);
  const unit: string | undefined = Form.useWatch([name, 'unit'], form);
  const periods: number[] = [...(Form.useWatch([name, 'periods'], form) ?? [])].sort((a, b) => a - b);
  const tiers = Form.useWatch([name, 'tiers'], form) as ModelForm['tiers'];
  const brackets = Form.useWatch([name, 'brackets'], form) as ModelForm['brackets'];
  const unitText = unitLabel(t, unit);

  // A new kind starts with one open-ended row, so the table is never empty.
  const onKindChange = (next: PriceModelJson['kind']) => {
    if ((next === 'volume' || next === 'graduated') && !form.getFieldValue([name, 'tiers'])?.length)
      form.setFieldValue([name, 'tiers'], [{ upTo: null, unitPriceVnd: null }]);
    if (next === 'per_unit_period') {
      if (!form.getFieldValue([name, 'periods'])?.length) form.setFieldValue([name, 'periods'], [1, 6, 12]);
      if (!form.getFieldValue([name, 'brackets'])?.length) form.setFieldValue([name, 'brackets'], [{ upTo: null, pricesVnd: {} }]);
    }
  };

  return (
    <>
      <Form.Item name={[name, 'kind']} label={t('price.kind')} rules={[requiredChoiceRule(t, t('price.kind'))]}>
        <Select options={KINDS.map((k) => ({ value: k, label: t(`priceKind.${k}`) }))} onChange={onKindChange} />
      </Form.Item>
      {kind && kind !== 'quote' && kind !== 'flat' && (
        <Form.Item name={[name, 'unit']} label={t('price.unit')} rules={[requiredRule(t, t('price.unit'))]}>
          <AutoComplete options={UNITS.map((u) => ({ value: u, label: `${u} — ${unitLabel(t, u)}` }))} />
        </Form.Item>
      )}
      {kind && kind !== 'quote' && (
        <Form.Item
          name={[name, 'periods']}
          label={t('price.periods')}
          rules={kind === 'per_unit_period' ? [requiredChoiceRule(t, t('price.periods'), true)] : []}
        >
          <Checkbox.Group options={PERIOD_OPTIONS.map((n) => ({ value: n, label: t('common.months', { n }) }))} />
        </Form.Item>
      )}

      {(kind === 'volume' || kind === 'graduated') && (
        <BoundedRows
          listName={[name, 'tiers']}
          rows={tiers}
          unitText={unitText}
          widths={[150, 160]}
          newRow={{ upTo: null, unitPriceVnd: null }}
          hint={t('price.lastTierHint')}
          priceColumns={[{ title: t('price.unitPricePer', { unit: unitText }), key: 'price', field: ['unitPriceVnd'] }]}
        />
      )}

      {kind === 'per_unit_period' && (
        <BoundedRows
          listName={[name, 'brackets']}
          rows={brackets}
          unitText={unitText}
          widths={[120, 140]}
          newRow={{ upTo: null, pricesVnd: {} }}
          hint={`${t('price.periodHint', { unit: unitText })} ${t('price.lastTierHint')}`}
          priceColumns={periods.map((p) => ({ title: t('price.periodColumn', { n: p }), key: `p${p}`, width: 150, field: ['pricesVnd', String(p)] }))}
        />
      )}

      {kind === 'flat' && (
        <Form.Item name={[name, 'amountVnd']} label={t('price.amount')} rules={[requiredRule(t, t('price.amount'))]}>
          <MoneyInput />
        </Form.Item>
      )}
      {kind === 'quote' && <Typography.Paragraph type="secondary">{t('price.quoteOnly')}</Typography.Paragraph>}
    </>
  );
}

type PriceColumn = { title: string; key: string; width?: number; field: string[] };

/** The rows of tiers or brackets: "from–to" (computed), the upper bound, one price per column, remove; add below. */
function BoundedRows(props: {
  listName: string[];
  rows: { upTo: number | null }[] | undefined;
  unitText: string;
  widths: [number, number];
  newRow: object;
  hint: string;
  priceColumns: PriceColumn[];
}) {
  const t = useT();
  const bounds = (props.rows ?? []).map((r) => r?.upTo ?? null);
  return (
    <Form.List name={props.listName} rules={[boundsRule(t)]}>
      {(fields, { add, remove }, { errors }) => (
        <>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={fields}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('price.quantityOf', { unit: props.unitText }), key: 'range', width: props.widths[0], render: (_, f) => rangeLabel(t, bounds, f.name) },
              {
                title: t('price.upTo'),
                key: 'upTo',
                width: props.widths[1],
                render: (_, f) => (
                  <Form.Item name={[f.name, 'upTo']} noStyle>
                    <CountInput placeholder={t('price.unlimited')} />
                  </Form.Item>
                ),
              },
              ...props.priceColumns.map((c) => ({
                title: c.title,
                key: c.key,
                width: c.width,
                render: (_: unknown, f: { name: number }) => (
                  <Form.Item name={[f.name, ...c.field]} noStyle rules={[{ required: true }]}>
                    <MoneyInput />
                  </Form.Item>
                ),
              })),
              {
                key: 'remove',
                width: 48,
                render: (_, f) => (
                  <Button type="text" icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                ),
              },
            ]}
          />
          <Form.ErrorList errors={errors} />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(props.newRow)} style={{ margin: '8px 0 4px' }}>
            {t('price.addTier')}
          </Button>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {props.hint}
          </Typography.Paragraph>
        </>
      )}
    </Form.List>
  );
}
