/**
 * `hello_llm` — tutorial 003 (examples/tutorials/003_more_components/hello_llm.py). The weather
 * API component calls the network from Python; it is registered as type info only.
 */
import type { ComponentTypeInfo } from '../model/catalog.ts';
import { componentInfo, port } from '../runtime/index.ts';
import { registerResponseModel } from './llm.ts';

/** The tutorial's structured LLM response model `Location`. */
registerResponseModel('hello_llm.Location', ['location', 'latitude', 'longitude']);

export const WeatherAPI: ComponentTypeInfo = componentInfo(
  {
    type: 'hello_llm.WeatherAPI',
    description: 'Looks up the current temperature and wind speed at a location (Python only).',
    inputs: { latitude: port<number>(), longitude: port<number>() },
    outputs: { temperature: port<number>(), wind_speed: port<number>() },
  },
  false,
);

export const helloLlmTypes: readonly ComponentTypeInfo[] = [WeatherAPI];
