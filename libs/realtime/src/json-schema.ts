/**
 * Swagger writes OpenAPI 3.0 schemas, where a value that may be null says `nullable: true`;
 * AsyncAPI schemas are JSON Schema, where null is one of the `type`s. Everything else swagger
 * writes for these classes means the same in both.
 */
export function jsonSchemaOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(jsonSchemaOf);
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, jsonSchemaOf(value)]));
  if (nullable !== true) return converted;
  if (typeof converted.type === 'string') {
    const { enum: values, ...typed } = converted;
    return {
      ...typed,
      type: [converted.type, 'null'],
      ...(Array.isArray(values) ? { enum: [...(values as unknown[]), null] } : {}),
    };
  }
  return { oneOf: [converted, { type: 'null' }] };
}
