import path from 'node:path';
import { createSystem } from './app.ts';
import { startBanner } from './banner.ts';
import { ConfigError, loadConfig } from './config.ts';

/** Boot: config → db → migrate → app → listen. */
async function main() {
  const config = loadConfig();
  const system = await createSystem(config);
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
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error('QLDV failed to start:', err);
  process.exit(1);
});
