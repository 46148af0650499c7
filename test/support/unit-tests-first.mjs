// Jest's own order (failed first, then slowest first), with the unit tier ahead of the e2e tier.
import Sequencer from '@jest/test-sequencer';

const tier = (test) => (test.context.config.displayName?.name === 'unit' ? 0 : 1);

const Base = Sequencer.default ?? Sequencer;

export default class UnitTestsFirst extends Base {
  async sort(tests) {
    const ordered = await super.sort(tests);
    return [...ordered].sort((a, b) => tier(a) - tier(b));
  }
}
