"""The Rule base class that built-in rules and third-party packs subclass.

Modelled on SQLFluff's rules: a rule is a small class whose attributes declare
its identity and whose docstring is its documentation; the engine only ever
calls :meth:`Rule.check`. Declarations are validated when the plugin manager
collects the rule, so a broken rule pack fails loudly at start-up rather than
producing findings nobody can select.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding, InputProblem, Severity

CATEGORIES = (
    "encoding",
    "mojibake",
    "script",
    "digits",
    "punctuation",
    "spam",
    "boilerplate",
    "links",
    "markup",
    "layout",
)

CODE_PATTERN = re.compile(r"^[A-Z]{3}[0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class RuleDefinitionError(Exception):
    """A rule class declares something invalid (bad code, unknown category, ...)."""


class OptionError(ValueError):
    """A rule option in the configuration is unknown or has the wrong type."""


@dataclass(frozen=True)
class Option:
    """A typed, documented rule option, set under ``[tool.corplint.rules.CODE]``."""

    name: str
    default: Any
    help: str
    type: type | None = None
    choices: tuple[Any, ...] = ()
    """When given, the only values the option accepts."""

    @property
    def kind(self) -> type:
        return self.type or type(self.default)

    def coerce(self, value: Any) -> Any:
        kind = self.kind
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if kind is list and isinstance(value, list):
            return value
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise OptionError(
                f"option '{self.name}' expects {kind.__name__}, got {type(value).__name__}"
            )
        if self.choices and value not in self.choices:
            raise OptionError(
                f"option '{self.name}' must be one of {', '.join(map(str, self.choices))}"
            )
        return value


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement ``check``."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    enabled_by_default: ClassVar[bool] = True
    fix: ClassVar[Applicability | None] = None
    """The applicability of this rule's usual fix; None when it never fixes."""
    finds: ClassVar[str] = ""
    """What the rule finds, for the rules table (``corplint rules --format
    markdown``, which the README holds): a sentence or two, with its options
    and how its fix behaves. Empty: the docstring's summary line."""
    fix_label: ClassVar[str] = ""
    """How the rules table names the fix when it is not simply ``fix``'s
    applicability (``safe / unsafe`` for a rule whose fixes differ)."""
    formats: ClassVar[tuple[str, ...] | None] = None
    """Document formats the rule applies to; None means all."""
    options: ClassVar[tuple[Option, ...]] = ()

    def __init__(self, **settings: Any) -> None:
        known = {opt.name: opt for opt in self.options}
        values = {name: opt.default for name, opt in known.items()}
        for key, value in settings.items():
            if key not in known:
                choices = ", ".join(sorted(known)) or "none"
                raise OptionError(
                    f"unknown option '{key}' for rule {self.code} (known options: {choices})"
                )
            values[key] = known[key].coerce(value)
        self.settings = values

    network: ClassVar[bool] = False
    """True for a rule that talks to the network: the command line runs it only
    with ``--check-links``, whatever the selection says."""

    input_problems: ClassVar[tuple[InputProblem, ...]] = ()
    """Problems of the raw input, found by the readers outside any document's
    text, that this rule reports (a malformed JSONL line). The readers name
    the problem, never a rule; the run gives it to the rule that claims it."""

    corpus: ClassVar[bool] = False
    """True for a rule that must see the whole corpus first: the runner reads every
    input once before checking and passes each document to :meth:`observe`."""

    def check(self, doc: Document) -> Iterable[Finding]:
        """Yield the findings for one document."""
        raise NotImplementedError

    def observe(self, doc: Document) -> None:
        """Take in one document during the corpus pass (only called when ``corpus``)."""

    def merge(self, other: Rule) -> None:
        """Take in what ``other`` (an instance of this rule with the same settings)
        observed in its share of the corpus.

        The Ray engine shares the corpus pass out to its workers and merges what
        they observed; a corpus rule that does not define this is shown the whole
        corpus in the driver instead. Workers of one run share a string hash seed.
        """
        raise NotImplementedError

    @classmethod
    def checks_format(cls, fmt: str) -> bool:
        """Whether the rule checks documents of format ``fmt`` (see ``formats``)."""
        return cls.formats is None or fmt in cls.formats

    @classmethod
    def mergeable(cls) -> bool:
        """Whether the corpus pass of this rule can be shared out (see :meth:`merge`)."""
        return cls.merge is not Rule.merge

    @classmethod
    def summary(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "").split("\n", 1)[0]

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def validate(cls) -> None:
        """Raise RuleDefinitionError if the class declares anything invalid."""
        where = f"{cls.__module__}.{cls.__qualname__}"
        for attr in ("code", "name", "category"):
            if not isinstance(getattr(cls, attr, None), str):
                raise RuleDefinitionError(f"{where}: missing class attribute '{attr}'")
        if not CODE_PATTERN.match(cls.code):
            raise RuleDefinitionError(
                f"{where}: code '{cls.code}' must be three capital letters and three digits"
            )
        if not NAME_PATTERN.match(cls.name):
            raise RuleDefinitionError(f"{where}: name '{cls.name}' must be kebab-case")
        if cls.category not in CATEGORIES:
            raise RuleDefinitionError(
                f"{where}: category '{cls.category}' is not one of {', '.join(CATEGORIES)}"
            )
        if not cls.summary():
            raise RuleDefinitionError(f"{where}: a rule needs a docstring (its documentation)")
        if not isinstance(cls.severity, Severity):
            raise RuleDefinitionError(f"{where}: severity must be a corplint.Severity")
        if cls.fix is not None and not isinstance(cls.fix, Applicability):
            raise RuleDefinitionError(f"{where}: fix must be an Applicability or None")
