import { describe, expect, it } from 'vitest';
import { arg, componentClass, port } from '../runtime/index.ts';
import { createRegistry } from './index.ts';

describe('createRegistry (TypeCatalog of the library)', () => {
  it('looks up canonical paths and the documented aliases (spec Q1)', () => {
    const r = createRegistry();
    const writer = r.lookup('plugboard.library.file_io.FileWriter');
    expect(writer).toMatchObject({ module: 'plugboard.library.file_io', className: 'FileWriter', runnable: true });
    expect(r.lookup('plugboard.library.FileWriter')).toBe(writer);
    expect(r.lookup('FileWriter')).toBe(writer);
    expect(r.lookup('Iterator')).toBeUndefined(); // ambiguous bare name (hello_ray, hello_tuner, factory_simulation)
    expect(r.lookup('resources_example.GPUTask')?.type).toBe('examples.tutorials.004_using_ray.resources_example.GPUTask');
    expect(r.resolve('hello_ray.Sleep')?.info.args).toEqual([{ name: 'sleep_seconds', kind: 'number', required: true, description: 'Seconds to block per step' }]);
  });

  it('describes ports, events, args and args-dependent ports', () => {
    const r = createRegistry();
    expect(r.lookup('plugboard.library.file_io.FileWriter')!.portsFor!({ field_names: ['a', 'b'] })).toEqual({ inputs: ['a', 'b'], outputs: [] });
    expect(r.lookup('hello_events.FindHighLowValues')).toMatchObject({ inputs: ['value'], outputs: [], outputEvents: ['system.stop', 'high_event', 'low_event'], eventClasses: { high_event: 'HighEvent', low_event: 'LowEvent' } });
    expect(r.lookup('components.Random')!.args).toEqual([
      { name: 'iters', kind: 'integer', required: true, description: 'How many values to emit' },
      { name: 'low', kind: 'number', required: false, default: 0 },
      { name: 'high', kind: 'number', required: false, default: 10 },
    ]);
  });

  it('registers Python-only types as non-runnable; LLMChat expands its response model', () => {
    const r = createRegistry();
    const llm = r.lookup('plugboard.library.llm.LLMChat')!;
    expect(llm.runnable).toBe(false);
    expect(r.resolve('plugboard.library.llm.LLMChat')).toBeUndefined();
    expect(llm.portsFor!({ response_model: 'hello_llm.Location', expand_response: true }).outputs).toEqual(['location', 'latitude', 'longitude']);
    expect(llm.portsFor!({}).outputs).toEqual(['response']);
    for (const t of ['hello_llm.WeatherAPI', 'plugboard.library.sql_io.SQLReader', 'plugboard.library.websocket_io.WebsocketReader']) expect(r.lookup(t)?.runnable).toBe(false);
  });

  it('accepts more registrations (user modules) and every registry is fresh', () => {
    class Double extends componentClass({ type: 'my_module.Double', description: 'y = 2x', inputs: { x: port<number>() }, outputs: { y: port<number>() }, args: { k: arg.number({ default: 2 }) } }) {
      override step(): void {
        this.out.y = this.args.k * this.in.x;
      }
    }
    const r = createRegistry();
    r.register(Double);
    expect(r.lookup('my_module.Double')?.inputs).toEqual(['x']);
    expect(createRegistry().lookup('my_module.Double')).toBeUndefined();
    expect(r.list().length).toBe(createRegistry().list().length + 1);
  });
});
