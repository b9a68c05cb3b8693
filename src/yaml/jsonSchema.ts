import type { ArgInfo, ArgKind, TypeCatalog } from '../model/catalog.ts';
import { DICT_STATE, JOB_ID_PATTERN, LOCAL_PROCESS_LONG, NAME_PATTERN, PORT_REF_PATTERN, RAY_PROCESS_LONG, RAY_STATE } from '../model/constants.ts';
import { ASYNCIO_CONNECTOR, LOCAL_PROCESS, RAY_CONNECTOR, RAY_PROCESS } from '../model/spec.ts';

type Schema = Record<string, unknown>;

const QUANTITY: Schema = {
  anyOf: [{ type: 'number', minimum: 0 }, { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?\\s*$' }],
  description: 'A number, or a string with a unit suffix such as "250m" or "512Mi".',
};

function kindSchema(kind: ArgKind): Schema {
  switch (kind) {
    case 'number':
      return { type: 'number' };
    case 'integer':
      return { type: 'integer' };
    case 'string':
      return { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'string-list':
      return { type: 'array', items: { type: 'string' } };
    case 'number-list':
      return { type: 'array', items: { type: 'number' } };
    case 'mapping':
      return { type: 'object' };
    case 'any':
      return {};
  }
}

function argSchema(a: ArgInfo): Schema {
  const base = kindSchema(a.kind);
  const typed = a.required || Object.keys(base).length === 0 ? base : { anyOf: [base, { type: 'null' }] };
  return { ...typed, ...(a.description ? { description: a.description } : {}), ...(a.default !== undefined ? { default: a.default } : {}) };
}

const typeArgs = (typeSchema: Schema, argsProps: Record<string, Schema>, description: string): Schema => ({
  type: 'object',
  additionalProperties: false,
  description,
  properties: { type: typeSchema, args: { type: 'object', properties: argsProps } },
});

/**
 * JSON schema (draft-07) of Plugboard YAML for monaco-yaml: keys, component types (enum with
 * descriptions, user types still allowed), per-type `args` via if/then, and
 * `additionalProperties: false` wherever Plugboard's schema forbids extras.
 * @example configureMonacoYaml(monaco, { schemas: [{ uri, fileMatch: ['*'], schema: plugboardJsonSchema(catalog) }] })
 */
export function plugboardJsonSchema(catalog: TypeCatalog): Schema {
  const types = catalog.list();
  const perType = types.map((t) => {
    const props = Object.fromEntries(t.args.map((a) => [a.name, argSchema(a)]));
    const required = t.args.filter((a) => a.required).map((a) => a.name);
    return {
      if: { properties: { type: { const: t.type } }, required: ['type'] },
      then: { properties: { args: { properties: props, ...(required.length > 0 ? { required } : {}) } } },
    };
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Plugboard model',
    type: 'object',
    additionalProperties: false,
    required: ['plugboard'],
    properties: {
      plugboard: {
        type: 'object',
        additionalProperties: false,
        required: ['process'],
        properties: {
          process: { anyOf: [{ $ref: '#/definitions/process' }, { type: 'string', description: 'Path of another YAML file whose plugboard.process is used.' }] },
          tune: { type: ['object', 'null'], description: 'Optimisation job (parsed and kept; not run in the browser).' },
        },
      },
    },
    definitions: {
      process: {
        type: 'object',
        additionalProperties: false,
        required: ['args'],
        properties: {
          type: { enum: [LOCAL_PROCESS, RAY_PROCESS, LOCAL_PROCESS_LONG, RAY_PROCESS_LONG], default: LOCAL_PROCESS, enumDescriptions: ['Runs every component in one event loop.', 'One actor per component (RayConnector required).', 'Long form of LocalProcess.', 'Long form of RayProcess.'] },
          connector_builder: typeArgs({ type: 'string', default: ASYNCIO_CONNECTOR, examples: [ASYNCIO_CONNECTOR, RAY_CONNECTOR] }, { parameters: { type: 'object' } }, 'Channel implementation for connectors.'),
          args: { $ref: '#/definitions/processArgs' },
        },
      },
      processArgs: {
        type: 'object',
        required: ['components'],
        properties: {
          name: { type: ['string', 'null'], description: 'Process name.' },
          components: { type: 'array', items: { $ref: '#/definitions/component' } },
          connectors: { type: 'array', items: { $ref: '#/definitions/connector' } },
          parameters: { type: ['object', 'null'], description: 'Shared with every component; component parameters override per key.' },
          state: {
            anyOf: [{ type: 'null' }, typeArgs({ type: 'string', default: DICT_STATE, examples: [DICT_STATE, RAY_STATE] }, { job_id: { type: ['string', 'null'], pattern: JOB_ID_PATTERN.source }, metadata: { type: 'object' } }, 'State backend.')],
          },
        },
      },
      component: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'args'],
        properties: {
          type: {
            anyOf: [{ enum: types.map((t) => t.type), enumDescriptions: types.map((t) => t.description), markdownEnumDescriptions: types.map((t) => t.description) }, { type: 'string' }],
            description: 'Canonical type path, e.g. plugboard.library.file_io.FileWriter.',
          },
          args: { $ref: '#/definitions/componentArgs' },
        },
        allOf: perType,
      },
      componentArgs: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', pattern: NAME_PATTERN.source, description: 'Unique component name.' },
          initial_values: { type: 'object', additionalProperties: { type: 'array' }, description: 'Input field → list of values read before the channel.' },
          parameters: { type: 'object' },
          constraints: { type: 'object' },
          resources: { anyOf: [{ type: 'null' }, { $ref: '#/definitions/resources' }] },
        },
      },
      resources: {
        type: 'object',
        additionalProperties: false,
        properties: { cpu: QUANTITY, gpu: QUANTITY, memory: QUANTITY, resources: { type: 'object', additionalProperties: QUANTITY } },
      },
      connector: {
        type: 'object',
        additionalProperties: false,
        required: ['source', 'target'],
        properties: { source: { $ref: '#/definitions/socket' }, target: { $ref: '#/definitions/socket' }, mode: { enum: ['pipeline', 'pubsub'], default: 'pipeline' } },
      },
      socket: {
        anyOf: [
          { type: 'string', pattern: PORT_REF_PATTERN.source, description: "'component.field'" },
          { type: 'object', additionalProperties: false, required: ['entity', 'descriptor'], properties: { entity: { type: 'string' }, descriptor: { type: 'string' } } },
        ],
      },
    },
  };
}
