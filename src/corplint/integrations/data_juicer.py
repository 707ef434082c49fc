"""Data-Juicer: a filter operator that drops by corplint's verdict and a mapper
operator that applies its safe fixes.

``pip install py-data-juicer`` beside corplint (no extra: Data-Juicer installs
what it needs itself), then import this module once so that the operators are
registered, and name them in a recipe::

    process:
      - corplint_fix_mapper: {}                 # safe fixes
      - corplint_filter:                        # drop by [tool.corplint.verdict]
          select: ["ALL"]

Both take the linter's arguments (``select``, ``ignore``, ``config``) and read
each sample's text as a JSONL record's text is read, so the findings are
``corplint check``'s. The filter records ``corplint_findings`` (a count),
``corplint_codes`` and ``corplint_verdict`` in each sample's stats.

corplint no longer reads the module named ``opencc`` at run time, so Data-Juicer's
``nlp`` extra (which pins the official OpenCC wheel) can sit beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from data_juicer.ops.base_op import OPERATORS, Filter, Mapper
from data_juicer.utils.constant import Fields

from corplint.api import Linter

FILTER = "corplint_filter"
MAPPER = "corplint_fix_mapper"


def _linter(
    select: Sequence[str] | None, ignore: Sequence[str] | None, config: str | None
) -> Linter:
    return Linter(select=select, ignore=ignore or (), config=config)


@OPERATORS.register_module(FILTER)
class CorplintFilter(Filter):
    """Keeps the samples whose corplint verdict is keep."""

    _batched_op = True

    def __init__(
        self,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        config: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.linter = _linter(select, ignore, config)

    def compute_stats_batched(self, samples: dict[str, list[Any]]) -> dict[str, list[Any]]:
        for text, stats in zip(samples[self.text_key], samples[Fields.stats], strict=True):
            if "corplint_verdict" in stats:
                continue
            findings = self.linter.check(text, fmt="jsonl")
            stats["corplint_findings"] = len(findings)
            stats["corplint_codes"] = sorted({f.code for f in findings})
            stats["corplint_verdict"] = self.linter.verdict(findings).label
        return samples

    def process_batched(self, samples: dict[str, list[Any]]) -> list[bool]:
        return [stats["corplint_verdict"] == "keep" for stats in samples[Fields.stats]]


@OPERATORS.register_module(MAPPER)
class CorplintFixMapper(Mapper):
    """Applies corplint's safe fixes (and the unsafe ones with ``unsafe=True``)."""

    _batched_op = True

    def __init__(
        self,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        config: str | None = None,
        unsafe: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.linter = _linter(select, ignore, config)
        self.unsafe = unsafe

    def process_batched(self, samples: dict[str, list[Any]]) -> dict[str, list[Any]]:
        samples[self.text_key] = [
            self.linter.fix(text, unsafe=self.unsafe, fmt="jsonl").text
            for text in samples[self.text_key]
        ]
        return samples
