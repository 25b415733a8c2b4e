import { useEffect, useState } from 'react';
import { Form, InputNumber, Modal, Select, Typography } from 'antd';
import { useMeetingT } from './i18n.ts';
import type { MeetingRoom, Settings } from './room.ts';

/** Devices, resolution, how many video tiles at once, and the keyboard shortcuts. */
export function SettingsDialog({ room, open, onClose }: { room: MeetingRoom; open: boolean; onClose: () => void }) {
  const t = useMeetingT();
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [value, setValue] = useState<Settings>(room.settings);
  useEffect(() => {
    if (!open) return;
    setValue(room.settings);
    void navigator.mediaDevices?.enumerateDevices().then(setDevices).catch(() => setDevices([]));
  }, [open, room]);
  const options = (kind: MediaDeviceKind) => [
    { value: '', label: t('settings.default') },
    ...devices.filter((d) => d.kind === kind && d.deviceId).map((d, i) => ({ value: d.deviceId, label: d.label || `${kind} ${i + 1}` })),
  ];
  return (
    <Modal
      open={open}
      title={t('settings')}
      onCancel={onClose}
      onOk={() => {
        void room.applySettings(value);
        onClose();
      }}
    >
      <Form layout="vertical">
        <Form.Item label={t('settings.mic')}>
          <Select value={value.micId ?? ''} options={options('audioinput')} onChange={(v) => setValue({ ...value, micId: v || undefined })} />
        </Form.Item>
        <Form.Item label={t('settings.camera')}>
          <Select value={value.cameraId ?? ''} options={options('videoinput')} onChange={(v) => setValue({ ...value, cameraId: v || undefined })} />
        </Form.Item>
        <Form.Item label={t('settings.resolution')}>
          <Select value={value.resolution} options={[{ value: 360, label: '640×360' }, { value: 720, label: '1280×720' }]} onChange={(v) => setValue({ ...value, resolution: v })} />
        </Form.Item>
        <Form.Item label={t('settings.lastN')}>
          <InputNumber min={1} max={25} value={value.lastN} onChange={(v) => setValue({ ...value, lastN: v ?? 9 })} />
        </Form.Item>
      </Form>
      <Typography.Title level={5}>{t('settings.shortcuts')}</Typography.Title>
      <ul>
        <li>{t('shortcut.mic')}</li>
        <li>{t('shortcut.camera')}</li>
        <li>{t('shortcut.hand')}</li>
        <li>{t('shortcut.chat')}</li>
      </ul>
    </Modal>
  );
}
