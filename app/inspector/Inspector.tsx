import { useCallback, useEffect, useId, useState } from 'react';
import type { ArgInfo, ArgKind, ComponentSpec } from '../../src/index.ts';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { NAME_RE } from '../store/names.ts';
import { portsOf } from '../canvas/toFlow.ts';
import { formatArg, parseArg, parseInitialValues, type Parsed } from './argValues.ts';
import { InspectorTune } from '../tune/InspectorTune.tsx';
import { ComponentRunValues } from './ComponentRunValues.tsx';
import { BreakpointToggle } from './BreakpointToggle.tsx';

const RESERVED = new Set(['name', 'initial_values', 'parameters', 'constraints', 'resources']);

const selSelected = (s: EditorState): ComponentSpec | null => {
  if (s.selection.length !== 1) return null;
  return s.config?.process.components.find((c) => c.name === s.selection[0]) ?? null;
};
const selCount = (s: EditorState) => s.selection.length;

/** A text field that validates as you type and commits each valid value (one undo step per field burst). */
function Field(props: {
  label: string;
  required?: boolean;
  value: string;
  parse: (text: string) => Parsed;
  commit: (value: unknown) => boolean;
  commitOn?: 'change' | 'blur';
  hint?: string;
  multiline?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState(props.value);
  const [focused, setFocused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!focused) {
      setDraft(props.value);
      setError(null);
    }
  }, [props.value, focused]);
  const tryCommit = (text: string) => {
    const r = props.parse(text);
    if (!r.ok) return setError(r.message);
    setError(null);
    if (text !== props.value && !props.commit(r.value)) setError('Not applied');
  };
  const onChange = (text: string) => {
    setDraft(text);
    if (props.commitOn === 'blur') {
      const r = props.parse(text);
      setError(r.ok ? null : r.message);
    } else tryCommit(text);
  };
  const common = {
    id,
    value: draft,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onFocus: () => setFocused(true),
    onBlur: () => {
      setFocused(false);
      if (props.commitOn === 'blur') tryCommit(draft);
    },
  };
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.multiline ? (
        <textarea {...common} rows={2} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
          }}
        />
      )}
      {error ? (
        <div id={`${id}-error`} className="field__error" role="alert">
          {error}
        </div>
      ) : (
        props.hint && <div className="field__hint">{props.hint}</div>
      )}
    </div>
  );
}

const HINTS: Partial<Record<ArgKind, string>> = {
  'string-list': 'Comma-separated',
  'number-list': 'Comma-separated numbers',
  mapping: 'YAML flow mapping, e.g. {a: 1}',
  any: 'YAML value',
};

export function Inspector() {
  const store = useEditorStore();
  const component = useEditor(selSelected);
  const count = useEditor(selCount);
  const catalog = useEditor(useCallback((s: EditorState) => s.catalog, []));
  const config = useEditor(useCallback((s: EditorState) => s.config, []));
  const diagnostics = useEditor(useCallback((s: EditorState) => s.diagnostics, []));

  if (!component || !config) {
    return (
      <section className="inspector" aria-label="Inspector">
        <h2 className="panel-title">Inspector</h2>
        <p className="muted">{count > 1 ? `${count} components selected.` : 'Select a component to edit its arguments.'}</p>
      </section>
    );
  }
  const info = catalog.lookup(component.type);
  const declared: ArgInfo[] = info ? [...info.args] : [];
  const extra = Object.keys(component.args).filter((k) => !RESERVED.has(k) && !declared.some((a) => a.name === k));
  const { inputs } = portsOf(component, config, catalog);
  const name = component.name;
  const setArg = (arg: string) => (value: unknown) => store.getState().setArg(name, arg, value);
  const taken = new Set(config.process.components.map((c) => c.name));

  return (
    <section className="inspector" aria-label="Inspector">
      <h2 className="panel-title">
        Inspector <span className="muted">{info?.className ?? component.type}</span>
      </h2>
      <div className="inspector__type" title={component.type}>
        {component.type}
        {!info && <span className="component-node__badge">unresolved</span>}
      </div>
      {info?.description && <p className="inspector__desc">{info.description}</p>}
      <BreakpointToggle name={name} />
      <ComponentRunValues name={name} />
      {diagnostics
        .filter((d) => d.component === name)
        .map((d, i) => (
          <p key={i} className={`inspector__problem problem--${d.severity}`}>
            {d.field ? `${d.field}: ` : ''}
            {d.message}
          </p>
        ))}
      <Field
        key={`name:${name}`}
        label="name"
        value={name}
        commitOn="blur"
        parse={(t) =>
          !NAME_RE.test(t) ? { ok: false, message: 'Letters, digits, _ and -; must not start with a digit or -' } : t !== name && taken.has(t) ? { ok: false, message: `${t} already exists` } : { ok: true, value: t }
        }
        commit={(v) => store.getState().renameComponent(name, String(v))}
      />
      {declared.map((a) => (
        <Field
          key={`${name}:${a.name}`}
          label={a.name}
          required={a.required}
          value={formatArg(a.kind, component.args[a.name] ?? (a.default !== undefined ? a.default : undefined))}
          parse={(t) => parseArg(a.kind, t, a.required)}
          commit={setArg(a.name)}
          hint={a.description ?? HINTS[a.kind] ?? a.kind}
        />
      ))}
      {extra.map((k) => (
        <Field key={`${name}:${k}`} label={k} value={formatArg('any', component.args[k])} parse={(t) => parseArg('any', t, false)} commit={setArg(k)} hint="YAML value" />
      ))}
      <InspectorTune key={`tune:${name}`} component={component} />
      {inputs.length > 0 && <h3 className="inspector__section">initial_values</h3>}
      {inputs.map((p) => (
        <Field
          key={`${name}:iv:${p}`}
          label={p}
          value={component.initialValues[p] ? JSON.stringify(component.initialValues[p]) : ''}
          parse={parseInitialValues}
          commit={(v) => {
            const next: Record<string, unknown> = { ...component.initialValues };
            if (v === undefined) delete next[p];
            else next[p] = v;
            return store.getState().setArg(name, 'initial_values', Object.keys(next).length ? next : undefined);
          }}
          hint="List of values sent before the first step, e.g. [0]"
        />
      ))}
    </section>
  );
}
