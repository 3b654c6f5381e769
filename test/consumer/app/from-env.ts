/**
 * An app configured by the standard OTEL_* variables (compiled and run by otel-consumer.test.ts):
 * a bad or unsatisfiable configuration must end the process with one line, nothing left running.
 */
import { diagOptionsFromEnv, startDiag } from '@teleport-otel/diag';

async function main(): Promise<void> {
  const diag = await startDiag({ addr: '127.0.0.1:0', ...diagOptionsFromEnv(process.env) });
  console.log(`serving ${diag.url}`);
  await diag.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
