import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSystem } from './app.ts';
import { startBanner } from './banner.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { findJanus, JANUS_INSTALL_HINT, launchJanus, type LocalJanus } from './modules/meeting/media/launcher.ts';

/** Boot: config → db → migrate → app → listen. */
async function main() {
  const config = loadConfig();
  const janus = await startLocalJanus(config);
  const system = await createSystem(config, janus.running ? { localJanus: janus.running } : { mediaHint: janus.hint }).catch(async (err) => {
    await janus.running?.stop();
    throw err;
  });
  const server = system.server!;
  await server.listen({ port: config.port, host: config.host });
  const sims = system.simulators;
  const simulators = [
    sims.vnpay && { name: 'VNPay (payment pages, IPN, querydr, refund)', where: `${config.publicBaseUrl}${sims.vnpay.basePath}` },
    sims.einvoice && { name: 'E-invoice provider (M-Invoice style)', where: sims.einvoice.url },
    sims.bhtt && { name: 'BHTT (revenue feed)', where: sims.bhtt.url },
    sims.ledger && { name: 'Subscriber ledger (HT TC QLKH, eVoucher)', where: sims.ledger.url },
    sims.smtp && { name: 'SMTP sink (mail, seen at /admin/outbox)', where: `smtp://127.0.0.1:${sims.smtp.port}` },
    sims.smsc && { name: 'SMSC (SMPP 3.4)', where: `smpp://127.0.0.1:${sims.smsc.port}` },
  ].filter((s) => !!s);
  if (janus.running) console.log(`Meeting media: local Janus ${janus.running.url} (pid ${janus.running.pid})`);
  else if (janus.hint) console.log(`Meeting media: off. ${janus.hint}`);
  console.log(
    startBanner({
      url: config.publicBaseUrl,
      database: config.database.kind === 'pglite' ? `PGlite in ${path.resolve(config.database.dataDir)}` : 'PostgreSQL (DATABASE_URL)',
      demo: config.demoData && config.env !== 'production' ? { username: 'admin', password: config.demoPassword } : undefined,
      simulators,
    }),
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'shutting down');
    await system.close();
    await janus.running?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * Meeting's media plane for `npm start`: with JANUS_URLS set, those instances; else a local Janus with a
 * generated config in the data dir when the janus binary is installed; else none (with the install hint).
 */
async function startLocalJanus(config: Config): Promise<{ running?: LocalJanus; hint?: string }> {
  if (config.meeting.janusUrls.length) return {};
  const binary = findJanus(config.meeting.janusBin);
  if (!binary) return { hint: JANUS_INSTALL_HINT };
  // In the PGlite data dir; else (PostgreSQL, in-memory) a temporary dir removed when Janus stops.
  const temporary = config.database.kind !== 'pglite' || config.database.dataDir.startsWith('memory://');
  const dir = temporary ? path.join(os.tmpdir(), `qldv-janus-${process.pid}`) : path.resolve((config.database as { dataDir: string }).dataDir, 'janus');
  try {
    const running = await launchJanus({
      binary,
      dir,
      iceEnforceList: config.meeting.iceEnforceList,
      publicIp: config.meeting.publicIp,
      rtpPortRange: config.meeting.rtpPorts,
    });
    const stop = running.stop;
    const stopAndClean = async () => {
      await stop();
      if (temporary) rmSync(dir, { recursive: true, force: true });
    };
    return { running: { ...running, stop: stopAndClean } };
  } catch (err) {
    return { hint: `Janus could not start: ${(err as Error).message}` };
  }
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error('QLDV failed to start:', err);
  process.exit(1);
});
