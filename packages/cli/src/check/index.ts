/** Placeholder until the check command lands (being written in this folder). */
export async function runCheck(_argv: string[]): Promise<number> {
  console.error('teleport-otel: check is not available yet');
  return 2;
}
