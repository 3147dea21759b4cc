import { openInputs, InputError, type InputSet } from '@kqlr/readers';
import { DatasetError } from './dataset-error.js';
import { indexEvents, type EventIndex } from './event-index.js';
import { loadLabels, type Label } from './labels.js';
import { loadManifest, type DatasetManifest } from './manifest.js';

export interface LoadedDataset {
  manifest: DatasetManifest;
  labels: Label[];
  inputs: InputSet;
  events: EventIndex;
  /** Reader warnings and labels that match no event. */
  warnings: string[];
}

export interface LoadOptions {
  batchSize?: number;
}

/**
 * Reads a dataset folder: manifest, labels, inputs (formats detected as for `kqlr run`), and the
 * label-to-event index. Everything wrong with it throws a DatasetError naming the file.
 */
export async function loadDataset(dir: string, options: LoadOptions = {}): Promise<LoadedDataset> {
  const manifest = await loadManifest(dir);
  const labels = await loadLabels(manifest.labels);
  let inputs: InputSet;
  try {
    inputs = await openInputs(manifest.inputs, options.batchSize ? { batchSize: options.batchSize } : {});
  } catch (err) {
    if (err instanceof InputError) throw new DatasetError(`inputs: ${err.message}`, manifest.file);
    throw err;
  }
  let events: EventIndex;
  try {
    events = await indexEvents(inputs.tables, labels, options.batchSize);
  } catch (err) {
    if (err instanceof InputError) throw new DatasetError(`inputs: ${err.message}`, manifest.file);
    throw err;
  }
  const warnings = [...inputs.warnings];
  for (const label of labels) {
    if ((events.eventsPerLabel.get(label) ?? 0) === 0) {
      warnings.push(`${manifest.labels}:${label.line}: label matches no event of ${label.table}`);
    }
  }
  return { manifest, labels, inputs, events, warnings };
}
