/**
 * The built-in component library and `createRegistry()`. One file per Plugboard module; the
 * tutorial/demo modules are examples users can open and copy.
 */
import type { ComponentTypeInfo } from '../model/catalog.ts';
import { createEmptyRegistry, type ComponentClass, type ComponentRegistry } from '../runtime/index.ts';
import * as components from './components.ts';
import * as factorySimulation from './factory_simulation.ts';
import * as fileIo from './file_io.ts';
import * as helloEvents from './hello_events.ts';
import { helloLlmTypes } from './hello_llm.ts';
import * as helloRay from './hello_ray.ts';
import * as helloTuner from './hello_tuner.ts';
import * as helloWorld from './hello_world.ts';
import { llmTypes } from './llm.ts';
import * as productionLine from './production_line.ts';
import * as resourcesExample from './resources_example.ts';
import { sqlTypes } from './sql_io.ts';
import * as testHelpers from './test_helpers.ts';
import { websocketTypes } from './websocket_io.ts';

export { fileSuffix, formatCsvCell } from './file_io.ts';
export { HighEvent, LowEvent } from './hello_events.ts';
export { registerResponseModel } from './llm.ts';

/** Every runnable built-in class, in palette order. */
export const libraryComponents: readonly ComponentClass[] = [
  fileIo.FileReader,
  fileIo.FileWriter,
  helloWorld.A,
  helloWorld.B,
  components.Random,
  components.Offset,
  components.Scale,
  components.Sum,
  components.Save,
  components.ScaleFromParameter,
  helloRay.Iterator,
  helloRay.Sleep,
  helloRay.Timestamper,
  resourcesExample.DataProducer,
  resourcesExample.CPUIntensiveTask,
  resourcesExample.GPUTask,
  helloEvents.Random,
  helloEvents.FindHighLowValues,
  helloEvents.CollectHigh,
  helloEvents.CollectLow,
  helloTuner.Iterator,
  helloTuner.Trajectory,
  helloTuner.MaxHeight,
  productionLine.Input,
  productionLine.InputStockpile,
  productionLine.Controller,
  productionLine.MachineCost,
  productionLine.OutputStock,
  productionLine.TotalCost,
  productionLine.CostPerUnit,
  factorySimulation.Iterator,
  factorySimulation.Machine,
  factorySimulation.Factory,
  testHelpers.A,
  testHelpers.B,
  testHelpers.C,
  testHelpers.DynamicListComponent,
];

/** Types that exist only in Python: parse, validate and draw, never run. */
export const pythonOnlyTypes: readonly ComponentTypeInfo[] = [...llmTypes, ...helloLlmTypes, ...sqlTypes, ...websocketTypes];

/**
 * A fresh registry holding the whole library. Add user modules with `registry.register(cls)`.
 *
 * @example
 * const registry = createRegistry();
 * registry.lookup('hello_ray.Sleep')?.inputs; // ['x']
 */
export function createRegistry(): ComponentRegistry {
  const registry = createEmptyRegistry();
  for (const cls of libraryComponents) {
    const { module, className } = cls.info;
    // The resources example is imported as `resources_example` when run from its own directory.
    const aliases = module.endsWith('.resources_example') ? [`resources_example.${className}`] : [];
    registry.register(cls, { aliases });
  }
  for (const info of pythonOnlyTypes) registry.registerInfo(info);
  return registry;
}
