/**
 * The system for the meeting browser test and the bench, run as a child process (inside the test's
 * network namespace): a local Janus launched as `npm start` does (ICE on veth0 only), the whole app on
 * 127.0.0.1 with the fake MeetingDirectory and a fixed clock; with MEETING_CONTROL_PLANE=real, the
 * module's own control plane instead (join tokens from the web pages: no `mint`). Commands arrive as JSON lines on stdin,
 * answers leave as JSON lines on stdout: {"ready":…} first, then {"id":…, …} per command.
 *   mint {grant}            → {token}
 *   advance {minutes}       → {} (clock moved, then one hub tick: trial caps end)
 *   room {meetingId}        → {exists, participants} as Janus sees the meeting's room
 *   janusPid                → {pid}
 */
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { createSystem } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { JanusVideoRoomClient } from '../../src/modules/meeting/media/janus-client.ts';
import { launchJanus } from '../../src/modules/meeting/media/launcher.ts';
import { FixedClock } from '../../src/platform/clock.ts';
import { freePort } from '../free-port.ts';
import { FakeMeetingDirectory } from './fake-directory.ts';

const out = (m: unknown) => process.stdout.write(`${JSON.stringify(m)}\n`);

async function main() {
  const dir = process.env.MEETING_TEST_DIR ?? `/tmp/qldv-meet-${process.pid}`;
  const janus = await launchJanus({ binary: process.env.JANUS_BIN ?? 'janus', dir, iceEnforceList: (process.env.JANUS_ICE_ENFORCE_LIST ?? 'veth0').split(','), debugLevel: 3 });
  const clock = new FixedClock(new Date());
  const directory = process.env.MEETING_CONTROL_PLANE === 'real' ? null : new FakeMeetingDirectory();
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    QLDV_DATA_DIR: 'memory://',
    SIM_SMTP_PORT: '0',
    SIM_SMPP_PORT: '0',
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    QLDV_WORKERS: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    QLDV_RATE_LIMIT: '100000',
    QLDV_LOGIN_RATE_LIMIT: '100000',
    // No demo accounts to hash: the meeting needs none, and the boot is much faster.
    QLDV_DEMO_DATA: 'false',
  });
  const system = await createSystem(config, { clock, ...(directory ? { meetingDirectory: directory } : {}), localJanus: janus });
  await system.server!.listen({ port, host: '127.0.0.1' });
  const admin = new JanusVideoRoomClient({ url: janus.url, adminKey: janus.roomAdminKey });
  const stop = async () => {
    await system.close().catch(() => {});
    await admin.close();
    await janus.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.stdin.on('end', () => void stop());
  out({ ready: true, baseUrl: `http://127.0.0.1:${port}`, janusPid: janus.pid });

  for await (const line of createInterface({ input: process.stdin })) {
    let cmd: { id: number; cmd: string; [k: string]: any };
    try {
      cmd = JSON.parse(line);
    } catch {
      continue;
    }
    try {
      if (cmd.cmd === 'mint') {
        if (!directory) throw new Error('mint: the real control plane issues join tokens (MEETING_CONTROL_PLANE=real)');
        const g = cmd.grant;
        out({ id: cmd.id, token: directory.mint({ ...g, endsAt: g.endsAtMinutes ? new Date(clock.now().getTime() + g.endsAtMinutes * 60_000) : null }) });
      } else if (cmd.cmd === 'advance') {
        clock.advanceMinutes(cmd.minutes);
        await system.meetingLive.tick();
        out({ id: cmd.id });
      } else if (cmd.cmd === 'room') {
        const [row] = await system.database.rows<{ janus_room: string }>(sql`select janus_room from meeting_live.rooms where meeting_id = ${cmd.meetingId}`);
        const room = Number(row?.janus_room);
        const exists = row ? await admin.exists(room) : false;
        out({ id: cmd.id, exists, participants: exists ? await admin.listParticipants(room) : [], calls: (directory?.calls ?? []).filter((c) => c.kind === 'ended') });
      } else out({ id: cmd.id, error: `unknown command ${cmd.cmd}` });
    } catch (err) {
      out({ id: cmd.id, error: (err as Error).message });
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
