import { Parser } from '@asyncapi/parser';
import { LIVE_EVENT_TYPES } from '../libs/platform/src/events/live-event.js';
import { startTestApp, type TestApp } from './support/test-app.js';

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  required?: string[];
  properties?: Record<string, Schema>;
}
interface AsyncApi {
  components: { schemas: Record<string, Schema> };
  operations: Record<string, { messages: { $ref: string }[] }>;
}

/** The served documents (the unit tier cannot load the whole server under jest, so these run against it). */
describe('the OpenAPI and AsyncAPI documents', () => {
  let t: TestApp;
  let asyncApi: AsyncApi;
  let openApi: { components: { schemas: Record<string, Schema> } };
  beforeAll(async () => {
    t = await startTestApp();
    asyncApi = (await t.http().get('/api/docs-asyncapi.json').expect(200)).body as AsyncApi;
    openApi = (await t.http().get('/api/docs-json').expect(200)).body as typeof openApi;
  });
  afterAll(() => t?.close());

  const schemas = () => asyncApi.components.schemas;
  const resolve = (schema: Schema) => schemas()[schema.$ref!.replace('#/components/schemas/', '')]!;
  const dataOf = (type: string) => resolve(schemas()[type]!.allOf![1]!.properties!.data!);

  it("describes every live event type's data, with the fields it always carries", () => {
    for (const type of LIVE_EVENT_TYPES) {
      const data = dataOf(type);
      const required = data.required ?? [];
      expect({ type, required: required.length > 0 }).toEqual({ type, required: true });
      for (const field of required) {
        expect({ type, field, described: field in data.properties! }).toEqual({ type, field, described: true });
      }
    }
    const received = asyncApi.operations.receiveEvent!.messages.map(({ $ref }) => $ref.split('/').pop());
    expect(received).toEqual(LIVE_EVENT_TYPES);
  });

  it('describes a payload a route also answers with from the same class as the OpenAPI document', () => {
    for (const [type, name] of [
      ['handoff.offered', 'HandoffDto'],
      ['trade.proposed', 'TradeDto'],
      ['precedent.shared', 'PrecedentDto'],
    ] as const) {
      const fields = (schema: Schema) => ({ properties: Object.keys(schema.properties!), required: schema.required });
      expect({ type, ...fields(dataOf(type)) }).toEqual({ type, ...fields(openApi.components.schemas[name]!) });
    }
    expect(dataOf('handoff.offered').properties!.toOfficeId).toEqual({ type: ['string', 'null'], format: 'uuid' });
  });

  it('@asyncapi/parser finds nothing to report in the AsyncAPI document', async () => {
    const { diagnostics } = await new Parser().parse(JSON.stringify(asyncApi));
    expect(diagnostics.map(({ code, message, path }) => `${code}: ${message} at ${path.join('.')}`)).toEqual([]);
  });
});
