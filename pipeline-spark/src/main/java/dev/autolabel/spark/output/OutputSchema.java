package dev.autolabel.spark.output;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The Parquet schema of a shard (DESIGN.md section 5): one row per manifest entry, detections as a standard
 * 3-level LIST of structs, model hashes and the manifest's extra fields as MAP<string,string>, so any Parquet
 * reader (Spark, DuckDB, pyarrow, hyparquet) sees the same nested columns. Columns are only ever appended
 * (schema 2 added {@code uncertainty} and {@code fingerprint}; schema 3 added {@code threshold} at the end of each
 * detection: the score threshold the label passed; schema 4 added {@code tile} after it: the tile, by its index in
 * its pass's row-major grid and its region in original pixels, the model saw when it found the label, null when it
 * saw the whole image, as for every label of older shards), so readers of older shards find every column they know
 * where it was. {@code fingerprint} (the image content's ETag, or size and modification time) is absent when
 * the image was never read; shards written before it existed read back without fingerprints.
 */
public final class OutputSchema {

    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message labeled_image {
              required binary image_id (STRING);
              required binary uri (STRING);
              required int32 width;
              required int32 height;
              required binary status (STRING);
              optional binary error_code (STRING);
              optional binary error_message (STRING);
              required group detections (LIST) {
                repeated group list {
                  required group element {
                    required binary label (STRING);
                    required int32 class_id;
                    required float score;
                    required float x1;
                    required float y1;
                    required float x2;
                    required float y2;
                    required binary source (STRING);
                    optional binary prompt (STRING);
                    optional binary fine_label (STRING);
                    required group qa_flags (LIST) {
                      repeated group list {
                        required binary element (STRING);
                      }
                    }
                    optional float threshold;
                    optional group tile {
                      required int32 index;
                      required int32 x;
                      required int32 y;
                      required int32 width;
                      required int32 height;
                    }
                  }
                }
              }
              required binary run_id (STRING);
              required group model_hashes (MAP) {
                repeated group key_value {
                  required binary key (STRING);
                  required binary value (STRING);
                }
              }
              required binary config_hash (STRING);
              required int32 schema_version;
              required int64 labeled_at (TIMESTAMP(MILLIS,true));
              required group extra (MAP) {
                repeated group key_value {
                  required binary key (STRING);
                  required binary value (STRING);
                }
              }
              required float uncertainty;
              optional binary fingerprint (STRING);
            }
            """);

    private OutputSchema() {
    }
}
