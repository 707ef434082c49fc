"""Reading and writing corpora: decoding, compression, JSONL and Parquet
records, and replacing a file only with a complete, verified output."""
