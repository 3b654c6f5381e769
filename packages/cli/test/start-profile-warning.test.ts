/**
 * The start-up warning for a component group outside the followed profile is for services; the
 * demo, which drives every group it knows on purpose, passes its profile and stays quiet under
 * each profile (the built CLI, a child process).
 */
import { PROFILES } from '@teleport-otel/catalog';
import { startCli } from '../../../test-support/cli';

describe.each(PROFILES.map((p) => [p]))('teleport-otel start --profile %s', (profile) => {
  it('writes no "record nothing" warning', async () => {
    const cli = await startCli(['--profile', profile]);
    try {
      expect(cli.output()).toContain('serving');
      expect(
        cli
          .output()
          .split('\n')
          .filter((l) => l.includes('record nothing'))
      ).toEqual([]);
    } finally {
      await cli.stop();
    }
  }, 30_000);
});
