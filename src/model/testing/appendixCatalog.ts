import type { ArgInfo, ArgKind, ComponentTypeInfo, TypeCatalog } from '../catalog.ts';
import { createStaticCatalog } from '../staticCatalog.ts';

/**
 * Test-only catalog built from the port lists of spec Appendix A and §7 (no runtime import).
 * The real catalog comes from src/runtime.
 */
type ArgDef = [name: string, kind: ArgKind, required: boolean, def?: unknown];

function t(type: string, io: { in?: string[]; out?: string[]; inEv?: string[]; outEv?: string[] }, args: ArgDef[] = [], extra: Partial<ComponentTypeInfo> = {}): ComponentTypeInfo {
  const dot = type.lastIndexOf('.');
  const argInfos: ArgInfo[] = args.map(([name, kind, required, def]) => ({ name, kind, required, ...(def !== undefined ? { default: def } : {}) }));
  return {
    type,
    module: type.slice(0, dot),
    className: type.slice(dot + 1),
    description: `${type.slice(dot + 1)} (test)`,
    inputs: io.in ?? [],
    outputs: io.out ?? [],
    inputEvents: ['system.stop', ...(io.inEv ?? [])],
    outputEvents: ['system.stop', ...(io.outEv ?? [])],
    args: argInfos,
    runnable: true,
    ...extra,
  };
}

const fieldNames = (key: 'inputs' | 'outputs') => (args: Readonly<Record<string, unknown>>) => {
  const names = Array.isArray(args['field_names']) ? (args['field_names'] as unknown[]).map(String) : [];
  return key === 'inputs' ? { inputs: names, outputs: [] } : { inputs: [], outputs: names };
};
const fileArgs: ArgDef[] = [['path', 'string', true], ['field_names', 'string-list', true], ['chunk_size', 'integer', false], ['storage_options', 'mapping', false]];
const RA = 'examples.tutorials.004_using_ray.resources_example';
const TP = 'tests.integration.test_process_with_components_run';

export const APPENDIX_TYPES: readonly ComponentTypeInfo[] = [
  t('hello_world.A', { out: ['out_1'] }, [['iters', 'integer', true]]),
  t('hello_world.B', { in: ['in_1'] }, [['path', 'string', true]]),
  t('components.Random', { out: ['x'] }, [['iters', 'integer', true], ['low', 'number', false, 0], ['high', 'number', false, 10]]),
  t('components.Offset', { in: ['a'], out: ['x'] }, [['offset', 'number', false, 0]]),
  t('components.Scale', { in: ['a'], out: ['x'] }, [['scale', 'number', false, 1]]),
  t('components.Sum', { in: ['a', 'b'], out: ['x'] }),
  t('components.Save', { in: ['value_to_save'] }, [['path', 'string', true]]),
  t('components.ScaleFromParameter', { in: ['a'], out: ['x'] }),
  t('hello_ray.Iterator', { out: ['x'] }, [['iters', 'integer', true]]),
  t('hello_ray.Sleep', { in: ['x'], out: ['y'] }, [['sleep_seconds', 'number', true]]),
  t('hello_ray.Timestamper', { in: ['x', 'y'], out: ['timestamp'] }),
  t(`${RA}.DataProducer`, { out: ['output'] }, [['iters', 'integer', true]]),
  t(`${RA}.CPUIntensiveTask`, { in: ['x'], out: ['y'] }),
  t(`${RA}.GPUTask`, { in: ['data'], out: ['result'] }),
  t('hello_events.Random', { out: ['value'] }, [['iters', 'integer', false, 50]]),
  t('hello_events.FindHighLowValues', { in: ['value'], outEv: ['high_event', 'low_event'] }, [['low_limit', 'number', false, 0.2], ['high_limit', 'number', false, 0.8]]),
  t('hello_events.CollectLow', { out: ['value'], inEv: ['low_event'] }),
  t('hello_events.CollectHigh', { out: ['value'], inEv: ['high_event'] }),
  t('hello_tuner.Iterator', { out: ['x'] }, [['iters', 'integer', true]]),
  t('hello_tuner.Trajectory', { in: ['x'], out: ['y'] }, [['angle', 'number', false, 30], ['velocity', 'number', false, 20]]),
  t('hello_tuner.MaxHeight', { in: ['y'], out: ['max_y'] }),
  t('hello_llm.WeatherAPI', { in: ['latitude', 'longitude'], out: ['temperature', 'wind_speed'] }, [], { runnable: false }),
  t('production_line.Input', { out: ['items'] }, [['items_per_step', 'integer', false, 10], ['total_steps', 'integer', false, 1000]]),
  t('production_line.InputStockpile', { in: ['incoming_items', 'machine1_running', 'machine2_running'], out: ['size', 'storage_cost'] }),
  t('production_line.Controller', { in: ['stockpile_size'], out: ['should_run'] }, [['threshold', 'number', false, 30]]),
  t('production_line.MachineCost', { in: ['is_running'], out: ['cost'] }, [['cost_per_step', 'number', false, 100]]),
  t('production_line.OutputStock', { in: ['machine1_running', 'machine2_running'], out: ['total_output'] }),
  t('production_line.TotalCost', { in: ['storage_cost', 'machine1_cost', 'machine2_cost'], out: ['total_cost'] }),
  t('production_line.CostPerUnit', { in: ['total_cost', 'total_output'], out: ['cost_per_unit'] }),
  t('factory_simulation.Iterator', { out: ['day'] }, [['num_days', 'integer', false, 365]]),
  t('factory_simulation.Machine', { in: ['day'], out: ['daily_value'] }, [
    ['maintenance_interval', 'integer', false, 30], ['breakdown_days', 'integer', false, 5], ['maintenance_days', 'integer', false, 1], ['daily_output', 'number', false, 10000],
    ['sigmoid_steepness', 'number', false, 0.15], ['sigmoid_midpoint', 'number', false, 40], ['seed', 'integer', false, 42],
  ]),
  t('factory_simulation.Factory', { in: ['value_1', 'value_2', 'value_3', 'value_4', 'value_5'], out: ['total_value'] }),
  t(`${TP}.A`, { out: ['out_1'] }, [['iters', 'integer', true]]),
  t(`${TP}.B`, { in: ['in_1'], out: ['out_1', 'out_2'] }, [['factor', 'number', false, 1]]),
  t(`${TP}.C`, { in: ['in_1'] }, [['path', 'string', true]]),
  t('tests.integration.test_tuner.DynamicListComponent', { in: ['in_1'], out: ['out_1'] }, [['list_param', 'number-list', true]]),
  t('plugboard.library.file_io.FileReader', {}, fileArgs, { portsFor: fieldNames('outputs') }),
  t('plugboard.library.file_io.FileWriter', {}, fileArgs, { portsFor: fieldNames('inputs') }),
  t('plugboard.library.llm.LLMChat', { in: ['prompt'], out: ['response'] }, [
    ['llm', 'string', false], ['system_prompt', 'string', false], ['context_window', 'integer', false, 0], ['response_model', 'string', false], ['expand_response', 'boolean', false, false], ['llm_kwargs', 'mapping', false],
  ], {
    runnable: false,
    // Test stand-in for expand_response with hello_llm.Location (spec §7.6).
    portsFor: (args) => ({ inputs: ['prompt'], outputs: args['expand_response'] === true ? ['latitude', 'location', 'longitude'] : ['response'] }),
  }),
];

/** The Appendix A catalog, with bare-class aliases for the library types (Q1 extension). */
export function appendixCatalog(): TypeCatalog {
  return createStaticCatalog(APPENDIX_TYPES, { FileWriter: 'plugboard.library.file_io.FileWriter', FileReader: 'plugboard.library.file_io.FileReader' });
}
