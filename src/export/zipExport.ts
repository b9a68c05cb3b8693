/** The export as one zip (fflate), files under a folder named after the model. */
import { strToU8, zipSync } from 'fflate';

/** @example const bytes = zipExport('model-with-tuner', files); */
export function zipExport(folder: string, files: Readonly<Record<string, string>>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(files)) entries[`${folder}/${path}`] = strToU8(text);
  return zipSync(entries, { level: 6 });
}
