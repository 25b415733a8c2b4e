import { createSystem } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

/** Boot: config → db → migrate → app → listen. */
async function main() {
  const config = loadConfig();
  const system = await createSystem(config);
  const server = system.server!;
  await server.listen({ port: config.port, host: config.host });
  const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL';
  console.log(`\nQLDV is running at ${config.publicBaseUrl}  (database: ${where}; simulators: ${config.simulators ? 'on' : 'off'})`);
  if (config.demoData) console.log(`Sign in as admin / ${config.env === 'production' ? '***' : config.demoPassword} — see README for every demo account.`);
  if (system.simulators.smtp) console.log(`SMTP sink on :${system.simulators.smtp.port}, SMSC (SMPP) on :${system.simulators.smsc?.port}`);
  console.log(`API docs: ${config.publicBaseUrl}/docs\n`);

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
