import { createServer as createNetServer, type AddressInfo } from 'node:net';
import smpp from 'smpp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSmscSimulator, type SmscSimulator } from '../../../simulators/smsc.ts';
import { startSmtpSink, type SmtpSink } from '../../../simulators/smtp.ts';
import { createMailer } from './mailer.ts';
import { SmppGateway, type DeliveryReceipt, type MoMessage } from './smpp-gateway.ts';
import { toGsmText } from '../../../protocols/smpp/sms-text.ts';

describe('SMTP: createMailer → sink', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it('delivers a Vietnamese HTML + text mail', async () => {
    const mailer = createMailer({ host: '127.0.0.1', port: sink.port, from: '"Hệ thống QLDV" <noreply@qldv.test>' });
    try {
      await mailer.verify();
      const subject = 'Thông báo: yêu cầu hỗ trợ #1024 đã được xử lý';
      const text = 'Kính gửi Quý khách,\nYêu cầu của Quý khách đã được giải quyết.';
      const { messageId } = await mailer.send({
        to: 'khach.hang@example.vn',
        subject,
        text,
        html: '<p>Kính gửi <b>Quý khách</b>,</p><p>Yêu cầu của Quý khách đã được giải quyết.</p>',
      });

      const mail = await sink.waitFor((m) => m.id === messageId);
      expect(mail.subject).toBe(subject);
      expect(mail.to).toEqual(['khach.hang@example.vn']);
      expect(mail.from).toBe('noreply@qldv.test');
      expect(mail.text.trim()).toBe(text);
      expect(mail.html).toContain('<b>Quý khách</b>');
      expect(mail.size).toBeGreaterThan(0);
    } finally {
      mailer.close();
    }
  });
  it('sends an outbox message under a Message-ID made from its key, the same on every retry', async () => {
    const mailer = createMailer({ host: '127.0.0.1', port: sink.port, from: '"Hệ thống QLDV" <noreply@qldv.test>' });
    try {
      const mail = { to: 'a@example.vn', subject: 'Lần gửi lại', text: 'x', key: 'msg_01retry' };
      const first = await mailer.send(mail);
      const again = await mailer.send(mail);
      expect(first.messageId).toBe('<msg_01retry@qldv.test>');
      expect(again.messageId).toBe(first.messageId);
      expect(sink.messages.filter((m) => m.id === first.messageId)).toHaveLength(2);
    } finally {
      mailer.close();
    }
  });
});

describe('SMPP: SmppGateway ↔ SMSC simulator', () => {
  const creds = { systemId: 'qldv', password: 's3cret' };
  const receipts: DeliveryReceipt[] = [];
  const mos: MoMessage[] = [];
  let smsc: SmscSimulator;
  let gateway: SmppGateway;
  let failMo = false;
  const logged: string[] = [];
  const record = (_: object, msg?: string) => void logged.push(msg ?? '');
  const logger = { info: record, warn: record, error: record };

  beforeAll(async () => {
    smsc = await startSmscSimulator({ ...creds, receiptDelayMs: 10 });
    gateway = new SmppGateway({
      url: `smpp://127.0.0.1:${smsc.port}`,
      ...creds,
      enquireLinkMs: 1_000,
      reconnectMinMs: 20,
      reconnectMaxMs: 200,
      requestTimeoutMs: 2_000,
      logger,
    });
    gateway.onReceipt((r) => {
      receipts.push(r);
    });
    gateway.onMessage((mo) => {
      if (failMo) throw new Error('database down');
      mos.push(mo);
    });
    await gateway.start();
  });
  afterAll(async () => {
    await gateway?.stop();
    await smsc?.close();
  });

  it('binds', () => {
    expect(gateway.bound).toBe(true);
    expect(smsc.sessions()).toBe(1);
  });

  it('submits a long Vietnamese message as concatenated parts and gets receipts', async () => {
    const text =
      'Quý khách đã đăng ký thành công gói cước MK tại MobiFone. Cước phí 10.000đ/ngày, tự động gia hạn hằng ngày. ' +
      'Để huỷ gói, soạn HUY MK gửi 9223. Chi tiết liên hệ 9090 (200đ/phút). Trân trọng cảm ơn Quý khách đã sử dụng dịch vụ!';
    const result = await gateway.submit({ from: '9223', to: '84901234567', text, requestReceipt: true });

    expect(result.parts).toBeGreaterThanOrEqual(2);
    expect(result.messageIds).toHaveLength(result.parts);
    const sms = await smsc.waitForMessage((m) => m.id === result.messageIds[0]);
    expect(sms.text).toBe(toGsmText(text));
    expect(sms.text).toContain('Quy khach da dang ky thanh cong goi cuoc MK');
    expect(sms).toMatchObject({ from: '9223', to: '84901234567', parts: result.parts, messageIds: result.messageIds });

    await vi.waitFor(() => expect(receipts.map((r) => r.messageId)).toEqual(expect.arrayContaining(result.messageIds)));
    const receipt = receipts.find((r) => r.messageId === result.messageIds[0])!;
    expect(receipt.stat).toBe('DELIVRD');
    expect(receipt.raw).toMatch(/^id:\S+ sub:001 dlvrd:001 submit date:\d{10} done date:\d{10} stat:DELIVRD/);
  });

  it('sends a short message as one part without a receipt', async () => {
    const before = receipts.length;
    const result = await gateway.submit({ from: '9223', to: '84901234567', text: 'Mã OTP của bạn là 123456' });
    expect(result.parts).toBe(1);
    const sms = await smsc.waitForMessage((m) => m.id === result.messageIds[0]);
    expect(sms.text).toBe('Ma OTP cua ban la 123456');
    expect(receipts).toHaveLength(before);
  });

  it('hands MO messages to onMessage', async () => {
    await smsc.sendMo('84901234567', '9223', 'MK 1234');
    expect(mos).toContainEqual({ from: '84901234567', to: '9223', text: 'MK 1234' });
    // Accented MO text arrives as UCS2 (data_coding 8) and is decoded by the library.
    await smsc.sendMo('84901234567', '9223', 'Đăng ký MK');
    expect(mos.at(-1)?.text).toBe('Đăng ký MK');
  });

  it('answers ESME_RSYSERR when the MO handler throws', async () => {
    failMo = true;
    try {
      await expect(smsc.sendMo('84901234567', '9223', 'MK 9999')).rejects.toThrow(/status 0x8\b/);
    } finally {
      failMo = false;
    }
  });

  it('rejects start() with a clear error on a wrong password', async () => {
    const bad = new SmppGateway({ url: `smpp://127.0.0.1:${smsc.port}`, systemId: 'qldv', password: 'wrong' });
    await expect(bad.start()).rejects.toThrow(/bind_transceiver as 'qldv'.*ESME_RBINDFAIL 0x0d/);
    expect(bad.bound).toBe(false);
    await bad.stop();
  });

  it('rejects start() when nothing listens', async () => {
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const nowhere = new SmppGateway({ url: `smpp://127.0.0.1:${port}`, ...creds });
    await expect(nowhere.start()).rejects.toThrow(/SMPP connect to smpp:\/\/127\.0\.0\.1:\d+ failed: .*ECONNREFUSED/);
  });

  it('rejects submit() when not bound', async () => {
    const idle = new SmppGateway({ url: `smpp://127.0.0.1:${smsc.port}`, ...creds });
    await expect(idle.submit({ from: '9223', to: '84901234567', text: 'x' })).rejects.toThrow(/not bound/);
  });

  it('re-binds by itself after the SMSC drops the connection', async () => {
    const binds = () => logged.filter((m) => m === 'SMPP bound').length;
    const before = binds();
    smsc.dropConnections();
    expect(smsc.sessions()).toBe(0);
    // Reconnect takes ~20 ms here, too quick to poll for bound === false: watch the log instead.
    await vi.waitFor(() => {
      expect(logged).toContain('SMPP link dropped, reconnecting');
      expect(binds()).toBe(before + 1);
      expect(gateway.bound).toBe(true);
      expect(smsc.sessions()).toBe(1);
    });
    const result = await gateway.submit({ from: '9223', to: '84901234567', text: 'Sau khi kết nối lại' });
    await smsc.waitForMessage((m) => m.id === result.messageIds[0] && m.text === 'Sau khi ket noi lai');
  });
});

/** A bare SMSC whose misbehaviour the tests control, for the failure paths the simulator does not cover. */
describe('SMPP: gateway against a misbehaving SMSC', () => {
  let server: smpp.Server;
  let binds = 0;
  let answerEnquireLink = true;
  let last: smpp.Session | undefined;
  let gateway: SmppGateway;

  beforeAll(async () => {
    server = smpp.createServer((session) => {
      last = session;
      session.on('error', () => undefined);
      session.on('bind_transceiver', (pdu) => {
        binds++;
        session.send(pdu.response());
      });
      session.on('enquire_link', (pdu) => {
        if (answerEnquireLink) session.send(pdu.response());
      });
      session.on('unbind', (pdu) => session.send(pdu.response()));
      session.on('submit_sm', (pdu) => {
        if (pdu.destination_addr === 'throttle') session.send(pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
        else if (pdu.destination_addr !== 'silent') session.send(pdu.response({ message_id: 'm1' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    gateway = new SmppGateway({
      url: `smpp://127.0.0.1:${port}`,
      systemId: 'any',
      password: 'any',
      enquireLinkMs: 100,
      requestTimeoutMs: 150,
      reconnectMinMs: 20,
      reconnectMaxMs: 100,
    });
    await gateway.start();
  });
  afterAll(async () => {
    await gateway?.stop();
    for (const s of server?.sessions ?? []) s.destroy();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('rejects a submit answered with a non-zero status', async () => {
    await expect(gateway.submit({ from: '9223', to: 'throttle', text: 'x' })).rejects.toMatchObject({
      commandStatus: 0x58,
      message: expect.stringMatching(/ESME_RTHROTTLED/),
    });
  });

  it('rejects a submit that gets no answer instead of hanging', async () => {
    await expect(gateway.submit({ from: '9223', to: 'silent', text: 'x' })).rejects.toThrow(/timed out/);
  });

  it('answers the SMSC enquire_link', async () => {
    const resp = await new Promise<smpp.PDU>((resolve) => last!.enquire_link(resolve));
    expect(resp.command).toBe('enquire_link_resp');
  });

  it('treats a missing enquire_link_resp as a drop and re-binds', async () => {
    const before = binds;
    answerEnquireLink = false;
    await vi.waitFor(() => expect(binds).toBeGreaterThan(before));
    answerEnquireLink = true;
    await vi.waitFor(() => expect(gateway.bound).toBe(true));
  });
});
