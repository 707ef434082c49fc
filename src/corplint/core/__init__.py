"""The core types: documents, findings, rules and the plugin hooks.

The core imports nothing else of corplint: every other package builds on it.
"""
