/**
 * Editing the tune section from the Tune view: objective, parameters (add from a component's
 * numeric args: the canvas selection is preselected), samples and mode. Every change is a text edit
 * of the YAML (src/yaml/tuneEdits.ts): the tune section stays the single source of truth.
 */
import { useState } from 'react';
import type { ArgInfo, ComponentSpec, ConfigSpec, TypeCatalog } from '../../src/index.ts';
import { portsOf } from '../../src/index.ts';
import { type TuneConfig } from '../../src/tune/index.ts';
import type { TuneEdit, TuneParameterData } from '../../src/yaml/tuneEdits.ts';

type Kind = 'uniform' | 'randint' | 'choice';

function tunableArgs(c: ComponentSpec | undefined, catalog: TypeCatalog): ArgInfo[] {
  if (!c) return [];
  return (catalog.lookup(c.type)?.args ?? []).filter((a) => a.kind === 'number' || a.kind === 'integer' || a.kind === 'string' || a.kind === 'boolean');
}

function outputsOf(c: ComponentSpec | undefined, catalog: TypeCatalog): string[] {
  if (!c) return [];
  const io = portsOf(c, catalog);
  return io ? [...io.outputs, ...io.inputs.filter((i) => !io.outputs.includes(i))] : [];
}

/** Default bounds around an arg's current value. */
function defaultBounds(value: unknown, kind: Kind): [string, string] {
  const v = typeof value === 'number' ? value : 1;
  if (kind === 'randint') return [String(Math.floor(Math.min(0, v))), String(Math.max(2, Math.ceil(Math.abs(v) * 2)) + 1)];
  return [String(Math.min(0, v)), String(v === 0 ? 1 : Math.abs(v) * 2)];
}

function parseCategories(text: string): unknown[] | null {
  try {
    const parsed = JSON.parse(`[${text}]`) as unknown[];
    return parsed.length > 0 ? parsed : null;
  } catch {
    return null;
  }
}

export interface ParameterDraft {
  readonly component: string;
  readonly arg: string;
  readonly kind: Kind;
  readonly lower: string;
  readonly upper: string;
  readonly categories: string;
}

/** The YAML mapping of a parameter draft, or an error message. */
export function parameterData(d: ParameterDraft): TuneParameterData | string {
  if (!d.component || !d.arg) return 'Choose a component and an argument.';
  const base = { type: `ray.tune.${d.kind}`, object_type: 'component', object_name: d.component, field_type: 'arg', field_name: d.arg };
  if (d.kind === 'choice') {
    const categories = parseCategories(d.categories);
    return categories ? { ...base, categories } : 'Categories: comma-separated values, e.g. 10, 20, "fast".';
  }
  const lower = Number(d.lower);
  const upper = Number(d.upper);
  if (d.lower.trim() === '' || d.upper.trim() === '' || !Number.isFinite(lower) || !Number.isFinite(upper)) return 'Lower and upper must be numbers.';
  if (d.kind === 'randint' && (!Number.isInteger(lower) || !Number.isInteger(upper))) return 'randint bounds must be whole numbers.';
  if (upper <= lower) return d.kind === 'randint' ? 'upper must be greater than lower (upper is excluded).' : 'upper must be greater than lower.';
  return { ...base, lower, upper };
}

function ParameterForm({ config, catalog, selected, onSubmit, submitLabel }: { config: ConfigSpec; catalog: TypeCatalog; selected: string | undefined; onSubmit: (p: TuneParameterData) => string | null; submitLabel: string }) {
  const components = config.process.components;
  // Until the user picks a component, the form follows the canvas selection.
  const preferred = components.find((c) => c.name === selected && tunableArgs(c, catalog).length > 0) ?? components.find((c) => tunableArgs(c, catalog).length > 0);
  const [chosen, setChosen] = useState<string | null>(null);
  const component = chosen !== null && components.some((c) => c.name === chosen) ? chosen : (preferred?.name ?? '');
  const spec = components.find((c) => c.name === component);
  const args = tunableArgs(spec, catalog);
  const [chosenArg, setChosenArg] = useState<string | null>(null);
  const arg = chosenArg !== null && args.some((a) => a.name === chosenArg) ? chosenArg : (args[0]?.name ?? '');
  const argInfo = args.find((a) => a.name === arg);
  const current = spec?.args[arg] ?? argInfo?.default;
  const [chosenKind, setKind] = useState<Kind | null>(null);
  const kind: Kind = chosenKind ?? (argInfo?.kind === 'integer' ? 'randint' : argInfo?.kind === 'number' ? 'uniform' : 'choice');
  const [bounds, setBounds] = useState<[string, string] | null>(null);
  const [categories, setCategories] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [lower, upper] = bounds ?? defaultBounds(current, kind);
  const pick = (name: string): void => {
    setChosen(name);
    setChosenArg(null);
    setKind(null);
    setBounds(null);
  };
  return (
    <form
      className="tune-form"
      aria-label={submitLabel}
      onSubmit={(e) => {
        e.preventDefault();
        const data = parameterData({ component, arg, kind, lower, upper, categories });
        if (typeof data === 'string') return setError(data);
        setError(onSubmit(data));
      }}
    >
      <label>
        component
        <select aria-label="Parameter component" value={component} onChange={(e) => pick(e.target.value)}>
          {components.map((c) => (
            <option key={c.name} value={c.name} disabled={tunableArgs(c, catalog).length === 0}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        arg
        <select
          aria-label="Parameter arg"
          value={arg}
          onChange={(e) => {
            setChosenArg(e.target.value);
            setKind(null);
            setBounds(null);
          }}
        >
          {args.map((a) => (
            <option key={a.name} value={a.name}>
              {a.name} ({a.kind}, now {JSON.stringify(spec?.args[a.name] ?? a.default ?? null)})
            </option>
          ))}
        </select>
      </label>
      <label>
        search
        <select aria-label="Parameter search" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <option value="uniform">uniform (float)</option>
          <option value="randint">randint (integer, upper excluded)</option>
          <option value="choice">choice</option>
        </select>
      </label>
      {kind === 'choice' ? (
        <label>
          categories
          <input aria-label="Parameter categories" value={categories} placeholder='10, 20, "fast"' onChange={(e) => setCategories(e.target.value)} />
        </label>
      ) : (
        <div className="tune-form__bounds">
          <label>
            lower
            <input aria-label="Parameter lower" inputMode="decimal" value={lower} onChange={(e) => setBounds([e.target.value, upper])} />
          </label>
          <label>
            upper
            <input aria-label="Parameter upper" inputMode="decimal" value={upper} onChange={(e) => setBounds([lower, e.target.value])} />
          </label>
        </div>
      )}
      {error && (
        <div className="field__error" role="alert">
          {error}
        </div>
      )}
      <button type="submit">{submitLabel}</button>
    </form>
  );
}

function ObjectiveSelect({ config, catalog, value, onChange }: { config: ConfigSpec; catalog: TypeCatalog; value: string; onChange: (ref: string) => void }) {
  return (
    <select aria-label="Objective" value={value} onChange={(e) => onChange(e.target.value)}>
      {config.process.components.flatMap((c) =>
        outputsOf(c, catalog).map((f) => (
          <option key={`${c.name}.${f}`} value={`${c.name}.${f}`}>
            {c.name}.{f}
          </option>
        )),
      )}
    </select>
  );
}

const objectiveData = (ref: string) => {
  const dot = ref.lastIndexOf('.');
  return { object_name: ref.slice(0, dot), field_type: 'field', field_name: ref.slice(dot + 1) };
};

/** No tune section yet: choose an objective and a first parameter, then write the section. */
export function TuneSetup({ config, catalog, selected, apply }: { config: ConfigSpec; catalog: TypeCatalog; selected: string | undefined; apply: (edit: TuneEdit) => string | null }) {
  const last = config.process.components[config.process.components.length - 1];
  const [objective, setObjective] = useState(last ? `${last.name}.${outputsOf(last, catalog)[0] ?? ''}` : '');
  const [mode, setMode] = useState<'max' | 'min'>('max');
  return (
    <div className="tune-setup">
      <p className="muted">
        This model has no <code>tune</code> section. Choose what to optimise and a first argument to search; Studio writes the section into the YAML in
        Plugboard’s format.
      </p>
      <div className="tune-form__row">
        <ObjectiveSelect config={config} catalog={catalog} value={objective} onChange={setObjective} />
        <select aria-label="Mode" value={mode} onChange={(e) => setMode(e.target.value as 'max' | 'min')}>
          <option value="max">maximise</option>
          <option value="min">minimise</option>
        </select>
      </div>
      <ParameterForm
        config={config}
        catalog={catalog}
        selected={selected}
        submitLabel="Create tune section"
        onSubmit={(p) => (objective.includes('.') ? apply({ kind: 'create-tune', objective: objectiveData(objective), parameters: [p], numSamples: 20, mode }) : 'Choose an objective.')}
      />
    </div>
  );
}

/** The tune section's objective, parameters and settings, editable. */
export function TuneSettings({ config, catalog, tune, selected, apply, disabled }: { config: ConfigSpec; catalog: TypeCatalog; tune: TuneConfig; selected: string | undefined; apply: (edit: TuneEdit) => string | null; disabled: boolean }) {
  const [adding, setAdding] = useState(false);
  const objective = tune.objectives[0];
  return (
    <div className="tune-settings">
      <div className="tune-form__row">
        <span className="muted">objective</span>
        {tune.multiObjective ? (
          <code>{tune.objectives.map((o, i) => `${tune.modes[i]} ${o.component}.${o.field}`).join(', ')}</code>
        ) : (
          <>
            <ObjectiveSelect config={config} catalog={catalog} value={objective ? `${objective.component}.${objective.field}` : ''} onChange={(ref) => apply({ kind: 'set-tune-objective', objective: objectiveData(ref) })} />
            <select aria-label="Mode" value={tune.modes[0]} disabled={disabled} onChange={(e) => apply({ kind: 'set-tune-arg', key: 'mode', value: e.target.value })}>
              <option value="max">maximise</option>
              <option value="min">minimise</option>
            </select>
          </>
        )}
      </div>
      <ul className="tune-params" aria-label="Tune parameters">
        {tune.parameters.map((p, i) => (
          <li key={p.fullName}>
            <code title={p.fullName}>
              {p.objectName ?? 'process'}.{p.fieldName}
            </code>{' '}
            <span className="muted">{p.kind === 'choice' ? `choice ${JSON.stringify(p.categories)}` : `${p.kind} [${p.lower}, ${p.upper})`}</span>
            <button type="button" className="btn-icon" aria-label={`Remove parameter ${p.fullName}`} disabled={disabled} onClick={() => apply({ kind: 'set-tune-parameter', index: i, parameter: undefined })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {tune.customSpace && <p className="muted">Custom search space {tune.customSpace} is Python: the parameters above are searched instead (Q18).</p>}
      {adding ? (
        <ParameterForm
          config={config}
          catalog={catalog}
          selected={selected}
          submitLabel="Add parameter"
          onSubmit={(p) => {
            const error = apply({ kind: 'add-tune-parameter', parameter: p });
            if (!error) setAdding(false);
            return error;
          }}
        />
      ) : (
        <button type="button" disabled={disabled} onClick={() => setAdding(true)}>
          + Add parameter
        </button>
      )}
    </div>
  );
}
