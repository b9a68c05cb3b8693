// Tutorial models exactly as Plugboard ships them (byte-for-byte copies of the shared fixtures).
import modelRay from './004_using_ray__model-ray.yaml?raw';
import helloWorld from './001_hello_world__model.yaml?raw';
import branching from './002_complex_processes__branching.yaml?raw';
import loop from './002_complex_processes__loop.yaml?raw';
import parameters from './002_complex_processes__parameters.yaml?raw';
import events from './005_events__model.yaml?raw';
import tuner from './006_optimisation__model-with-tuner.yaml?raw';
import productionLine from './002_production_line_optimisation__production-line.yaml?raw';
import factory from './003_factory_simulation__factory-simulation.yaml?raw';

export interface Example {
  readonly id: string;
  readonly title: string;
  /** File name used when the example is saved. */
  readonly file: string;
  readonly text: string;
}

export const EXAMPLES: readonly Example[] = [
  { id: 'model-ray', title: 'Using Ray (model-ray.yaml)', file: 'model-ray.yaml', text: modelRay },
  { id: 'hello-world', title: 'Hello world (model.yaml)', file: 'model.yaml', text: helloWorld },
  { id: 'branching', title: 'Complex processes: branching', file: 'branching.yaml', text: branching },
  { id: 'loop', title: 'Complex processes: loop', file: 'loop.yaml', text: loop },
  { id: 'parameters', title: 'Complex processes: parameters', file: 'parameters.yaml', text: parameters },
  { id: 'events', title: 'Events (model.yaml)', file: 'events.yaml', text: events },
  { id: 'tuner', title: 'Optimisation: model with tuner', file: 'model-with-tuner.yaml', text: tuner },
  { id: 'production-line', title: 'Demo: production line', file: 'production-line.yaml', text: productionLine },
  { id: 'factory', title: 'Demo: factory simulation', file: 'factory-simulation.yaml', text: factory },
];

export const DEFAULT_EXAMPLE: Example = EXAMPLES[0]!;
