import { describe, expect, it } from 'vitest';
import { isProjectText, parseProject, projectFileName, serializeProject, type Project } from './project.ts';

const project: Project = {
  modelFile: 'model-ray.yaml',
  yaml: 'plugboard:\n  process:\n    args:\n      components: []\n',
  modules: [
    { file: 'hello_ray.ts', source: 'export const a = 1;\n' },
    { file: 'components.ts', source: 'export const b = 2;\n' },
  ],
};

describe('project file', () => {
  it('round-trips the YAML and modules (sorted by file)', () => {
    const text = serializeProject(project);
    expect(isProjectText(text)).toBe(true);
    const result = parseProject(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.project.yaml).toBe(project.yaml);
    expect(result.project.modules.map((m) => m.file)).toEqual(['components.ts', 'hello_ray.ts']);
    expect(serializeProject(result.project)).toBe(text);
  });

  it('rejects text that is not a project, without throwing', () => {
    expect(parseProject('plugboard: {}').ok).toBe(false);
    expect(parseProject('{"format":"other"}').diagnostics[0]?.code).toBe('project-format');
    expect(parseProject('{"format":"plugboard-studio-project","version":99,"model":{"yaml":""}}').diagnostics[0]?.code).toBe('project-version');
    expect(isProjectText('plugboard:\n  process: {}\n')).toBe(false);
  });

  it('skips bad module entries with a warning and keeps the rest', () => {
    const text = JSON.stringify({
      format: 'plugboard-studio-project',
      version: 1,
      model: { file: 'm.yaml', yaml: 'x: 1\n' },
      modules: [{ file: 'bad-name.ts', source: '' }, { file: 'ok.ts', source: '' }, { file: 'ok.ts', source: 'dup' }, 3],
    });
    const result = parseProject(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.project.modules).toEqual([{ file: 'ok.ts', source: '' }]);
    expect(result.diagnostics.map((d) => d.severity)).toEqual(['warning', 'warning', 'warning']);
  });
});

describe('older and related shapes', () => {
  it('reads the editor\'s first project shape { yaml, fileName, modules }', () => {
    const text = JSON.stringify({ yaml: 'a: 1\n', fileName: 'm.yaml', modules: [{ file: 'a.ts', source: '' }] });
    expect(isProjectText(text)).toBe(true);
    const result = parseProject(text);
    expect(result.ok && result.project).toEqual({ modelFile: 'm.yaml', yaml: 'a: 1\n', modules: [{ file: 'a.ts', source: '' }] });
  });

  it('names the project file after the model', () => {
    expect(projectFileName('model-ray.yaml')).toBe('model-ray.plugboard.json');
    expect(projectFileName('x.plugboard.json')).toBe('x.plugboard.json');
  });
});
