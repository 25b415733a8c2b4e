import { Button, Flex } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import type { Invoice } from '@contracts/invoicing';
import { useT } from '../../i18n/index.tsx';
import { invoiceHtmlUrl, invoiceXmlUrl } from './invoices.ts';

/** The printable view (print or save as PDF from the browser) and, once issued, the XML of an invoice. */
export function InvoiceLinks({ inv }: { inv: Pick<Invoice, 'id' | 'status' | 'number'> }) {
  const t = useT();
  if (inv.status === 'needs_data') return null;
  return (
    <Flex gap={8} wrap>
      <Button size="small" icon={<PrinterOutlined />} href={invoiceHtmlUrl(inv.id)} target="_blank" rel="noopener" data-testid={`invoice-print-${inv.id}`}>
        {t('myInvoices.print')}
      </Button>
      {inv.number !== null && (
        <Button size="small" icon={<DownloadOutlined />} href={invoiceXmlUrl(inv.id)} download data-testid={`invoice-xml-${inv.id}`}>
          {t('invoices.downloadXml')}
        </Button>
      )}
    </Flex>
  );
}
