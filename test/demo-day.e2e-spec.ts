import { startTestApp, type TestApp } from './support/test-app.js';
import { World } from './support/world.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;

/** SEED_DEMO=1 gives the assistant's day something to show at first start. */
describe("the demo's day", () => {
  let t: TestApp;
  let world: World;
  let demoPassword: string;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: '1' }, 120_000);
    // The demo accounts' password is random, printed once by the server that made them.
    demoPassword = /password \(random, shown this once\): (\S+)/.exec(t.server.log)?.[1] ?? '';
    world = new World(t);
  }, 120_000);
  afterAll(() => t?.close());

  const get = async (token: string, path: string) =>
    (await t.http().get(`${API}${path}`).auth(token, BEARER).expect(200)).body;

  it("heads Nepean's queue with the emergency file, which has its checklist, log and call-back", async () => {
    const nepean = await world.login('assistant.nepean@demo.riding-relay.ca', demoPassword);
    const queue = await get(nepean.token, '/cases/queue');
    // Each demo office's third file is resolved (reports and precedents need one), so two stay open.
    expect(queue.items.length).toBeGreaterThanOrEqual(2);
    const [first] = queue.items;
    expect(first).toMatchObject({ urgency: 'emergency', immigrationType: 'stay_of_removal', dueReason: 'follow_up' });
    const checklist = await get(nepean.token, `/cases/${first.id}/checklist`);
    expect(checklist.items.length).toBe(7);
    expect(
      (await get(nepean.token, `/cases/${first.id}/interactions`)).items.map((i: { kind: string }) => i.kind),
    ).toEqual(['ircc_enquiry', 'visit']);
    expect((await get(nepean.token, '/follow-ups')).items).toHaveLength(3);
    const liaison = await get(nepean.token, '/liaison');
    expect(liaison.openEnquiries).toHaveLength(2);
    expect(liaison.mcmpsMinutesLast4Weeks).toBe(45);
  });

  it('shares the stay-of-removal checklist with the neighbouring office of the same party', async () => {
    const carleton = await world.login('assistant.carleton@demo.riding-relay.ca', demoPassword);
    const templates = await get(carleton.token, '/checklist-templates');
    expect(templates.items).toEqual([expect.objectContaining({ name: 'Stay of removal request', own: false })]);
    expect((await get(carleton.token, '/cases/queue')).items.length).toBeGreaterThanOrEqual(2);
  });
});
