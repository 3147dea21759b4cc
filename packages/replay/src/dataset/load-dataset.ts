import { openInputs, InputError, type InputSet, type ReadProgress } from '@kqlr/readers';
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
  /** Bytes read of the dataset's inputs, as they are read (see the readers' ReadProgress). */
  onProgress?: (p: ReadProgress) => void;
}

/** A dataset folder read up to its inputs (opened, not scanned): what `loadDataset` indexes. */
export interface OpenedDataset {
  manifest: DatasetManifest;
  labels: Label[];
  inputs: InputSet;
}

/**
 * Reads a dataset folder: manifest, labels, inputs (formats detected as for `kqlr run`), and the
 * label-to-event index. Everything wrong with it throws a DatasetError naming the file.
 */
export async function loadDataset(dir: string, options: LoadOptions = {}): Promise<LoadedDataset> {
  const opened = await openDataset(dir, options);
  const events = await asDatasetError(opened.manifest, () => indexEvents(opened.inputs.tables, opened.labels, options.batchSize));
  return withEvents(opened, events);
}

/** The manifest, the labels and the opened inputs; nothing is scanned yet. */
export async function openDataset(dir: string, options: LoadOptions = {}): Promise<OpenedDataset> {
  const manifest = await loadManifest(dir);
  const labels = await loadLabels(manifest.labels);
  const inputs = await asDatasetError(manifest, () =>
    openInputs(manifest.inputs, {
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    }),
  );
  return { manifest, labels, inputs };
}

/** An opened dataset with its event index, and the warnings about labels that match no event. */
export function withEvents(opened: OpenedDataset, events: EventIndex): LoadedDataset {
  const { manifest, labels, inputs } = opened;
  const warnings = [...inputs.warnings];
  for (const label of labels) {
    if ((events.eventsPerLabel.get(label) ?? 0) === 0) {
      warnings.push(`${manifest.labels}:${label.line}: label matches no event of ${label.table}`);
    }
  }
  return { manifest, labels, inputs, events, warnings };
}

/** Input problems (an unreadable file, a malformed record under strict reading) name dataset.json. */
export async function asDatasetError<T>(manifest: DatasetManifest, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof InputError) throw new DatasetError(`inputs: ${err.message}`, manifest.file);
    throw err;
  }
}
