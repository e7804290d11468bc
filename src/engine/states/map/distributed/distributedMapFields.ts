import type { MapState } from '../../../asl/definitionTypes.js';
import type { JsonValue } from '../../../data/json.js';

/** `ItemReader.ReaderConfig`: how the S3 object becomes items. */
export interface ReaderConfig {
  InputType?: 'CSV' | 'JSON' | 'JSONL' | 'MANIFEST';
  CSVHeaderLocation?: 'FIRST_ROW' | 'GIVEN';
  CSVHeaders?: string[];
  MaxItems?: number | string;
  MaxItemsPath?: string;
}

/** The fields only a Distributed Map has (`ItemProcessor.ProcessorConfig.Mode: DISTRIBUTED`). */
export interface DistributedMapFields {
  ItemReader?: { Resource: string; Parameters?: JsonValue; Arguments?: JsonValue; ReaderConfig?: ReaderConfig };
  ItemBatcher?: {
    MaxItemsPerBatch?: number | string;
    MaxItemsPerBatchPath?: string;
    MaxInputBytesPerBatch?: number | string;
    MaxInputBytesPerBatchPath?: string;
    BatchInput?: JsonValue;
  };
  ResultWriter?: {
    Resource?: string;
    Parameters?: JsonValue;
    Arguments?: JsonValue;
    WriterConfig?: { OutputType?: 'JSON' | 'JSONL'; Transformation?: 'NONE' | 'COMPACT' | 'FLATTEN' };
  };
  Label?: string;
  MaxConcurrencyPath?: string;
  ToleratedFailureCountPath?: string;
  ToleratedFailurePercentagePath?: string;
}

export type DistributedMapState = MapState & DistributedMapFields;

/** True when the Map's ItemProcessor runs in DISTRIBUTED mode. */
export function isDistributedMap(state: MapState): state is DistributedMapState {
  return state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED';
}
