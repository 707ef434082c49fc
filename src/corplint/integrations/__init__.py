"""Steps for the pipelines corpus builders use, each an optional extra, each built
on the public API (:class:`corplint.Linter`)."""
