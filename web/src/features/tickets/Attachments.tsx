import { App, Button, Empty, Flex, Typography, Upload, type UploadFile } from 'antd';
import { FileImageOutlined, FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { TicketAttachment } from '@contracts/support';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { ATTACHMENT_ACCEPT, attachmentProblem, attachmentUrl, useUploadAttachment } from './tickets.ts';

const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`);

/**
 * Files chosen on a form before the ticket exists: kept in the browser, checked for type and size,
 * and uploaded once the ticket is created.
 */
export function AttachmentPicker({ value = [], onChange }: { value?: File[]; onChange?: (files: File[]) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const fileList: UploadFile[] = value.map((f, i) => ({ uid: `${i}-${f.name}`, name: f.name, size: f.size, status: 'done' }));
  return (
    <Upload
      multiple
      accept={ATTACHMENT_ACCEPT}
      fileList={fileList}
      beforeUpload={(file) => {
        const problem = attachmentProblem(t, file);
        if (problem) message.error(problem);
        else onChange?.([...value, file]);
        return Upload.LIST_IGNORE;
      }}
      onRemove={(f) => onChange?.(value.filter((_, i) => `${i}-${value[i].name}` !== f.uid))}
    >
      <Button icon={<PaperClipOutlined />} data-testid="ticket-attachments">
        {t('ticket.attach')}
      </Button>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
        {t('ticket.attachHint')}
      </Typography.Text>
    </Upload>
  );
}

/** The ticket's files (download links use the session cookie) and, when allowed, an upload button. */
export function AttachmentList({ ticketId, files, canUpload }: { ticketId: string; files: TicketAttachment[]; canUpload: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const upload = useUploadAttachment(ticketId);
  return (
    <Flex vertical gap={8}>
      {files.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticket.noAttachments')} style={{ margin: '4px 0' }} />
      ) : (
        <Flex vertical className="attachment-list">
          {files.map((f) => (
            <Flex key={f.id} justify="space-between" align="center" gap={8} wrap className="attachment-row" data-testid={`attachment-${f.name}`}>
              <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                {f.mime === 'application/pdf' ? <FilePdfOutlined style={{ color: '#d4380d' }} /> : <FileImageOutlined style={{ color: '#0057a8' }} />}
                <a href={attachmentUrl(ticketId, f.id)} target="_blank" rel="noreferrer" style={{ overflowWrap: 'anywhere' }}>
                  {f.name}
                </a>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {sizeText(f.size)} · <DateTime value={f.createdAt} />
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      )}
      {canUpload && (
        <Upload
          accept={ATTACHMENT_ACCEPT}
          showUploadList={false}
          beforeUpload={(file) => {
            const problem = attachmentProblem(t, file);
            if (problem) {
              message.error(problem);
              return Upload.LIST_IGNORE;
            }
            upload.mutate(file, {
              onSuccess: () => message.success(t('ticket.attached', { name: file.name })),
              onError: (e) => message.error(t('ticket.attachFailed', { name: file.name, error: e.message })),
            });
            return Upload.LIST_IGNORE;
          }}
        >
          <Button size="small" icon={<PaperClipOutlined />} loading={upload.isPending} data-testid="attachment-upload">
            {t('ticket.attach')}
          </Button>
        </Upload>
      )}
    </Flex>
  );
}
