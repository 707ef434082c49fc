"""Running rules: the engine (one document), the run (inputs to reports), processes and Ray."""
