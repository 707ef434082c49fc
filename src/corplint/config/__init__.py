"""Configuration: settings files, rule selection, the plugin registry, rule
specs, baselines and the verdict policy."""
