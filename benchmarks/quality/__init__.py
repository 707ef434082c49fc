"""The labelled quality benchmark: realistic damage injected into real clean text.

``python -m benchmarks.quality`` builds the corpus (clean control set and
damaged set, deterministic for a seed), runs the real ``corplint`` CLI over
it and prints per-category and per-damage-kind precision, recall and fix
exactness, plus the seed report. See ``benchmarks/README.md``.
"""
