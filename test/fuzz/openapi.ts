/** The parts of an OpenAPI 3 document the fuzz tests read. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface QueryParam {
  name: string;
  schema: Schema;
}

/** One documented operation: `POST /api/tasks/{id}/review`. */
export interface Endpoint {
  key: string;
  method: string;
  template: string;
  pathParams: string[];
  query: QueryParam[];
  /** The JSON body's schema, $refs resolved at the top; null when the operation takes no body. */
  body: Schema | null;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function resolveSchema(doc: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 10; hops++) {
    const name = current.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`The OpenAPI document refers to a missing schema ${current.$ref}`);
    current = target;
  }
  return current;
}

/** Every operation of the document, in its order. */
export function endpointsOf(doc: OpenApiDocument): Endpoint[] {
  const endpoints: Endpoint[] = [];
  for (const [template, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!METHODS.includes(method)) continue;
      const parameters = operation.parameters ?? [];
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      endpoints.push({
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' } })),
        body: bodySchema ? resolveSchema(doc, bodySchema) : null,
      });
    }
  }
  return endpoints;
}
