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
from functools import lru_cache
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

    trigger: str | None = None
    """A regular expression that matches somewhere in every document in which
    the rule can find anything; None (the default) when no such pattern exists.
    The engine decides the triggers of all selected rules in one scan of each
    document (see :mod:`corplint.engine.gate`) and does not call a rule whose
    trigger is absent: on clean text, that is most calls. A rule whose trigger
    depends on its options sets it in ``__init__``.

    A trigger must mean the same to Python's :mod:`re` and to RE2: write
    characters beyond Latin-1 as themselves (not ``\\u`` escapes), and use
    explicit classes instead of ``\\d``, ``\\w``, ``\\s`` and ``\\b``, whose meanings
    differ; no lookaround or backreference (RE2 has none, and a trigger only
    needs to be loose). ``validate`` refuses what breaks these rules."""

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
        if isinstance(cls.trigger, str):
            problem = trigger_problem(cls.trigger)
            if problem:
                raise RuleDefinitionError(f"{where}: trigger {cls.trigger!r}: {problem}")


_TRIGGER_ESCAPES = re.compile(r"\\(?:[dDwWsSbBuUN]|[1-9])|\(\?(?:[=!]|<[=!])")
_UNSCOPED_DOLLAR = re.compile(r"(?<!\\)\$")

SPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""What ``\\s`` matches in a ``str`` pattern of :mod:`re`, as a class's content
that RE2 reads the same way: ``[{SPACE}]`` stands for ``\\s`` in a trigger."""


def trigger_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be a trigger (see :attr:`Rule.trigger`), or None."""
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"not a regular expression ({exc})"
    bad = _TRIGGER_ESCAPES.search(pattern)
    if bad is None and "(?m" not in pattern:
        # without a multi-line flag, $ of re also matches before a final line break
        bad = _UNSCOPED_DOLLAR.search(pattern)
    if bad:
        return (
            f"{bad.group()!r} means something else to RE2 or is unknown to it; "
            "triggers use explicit classes and literal characters"
        )
    return None


_UNICODE_ESCAPE = re.compile(r"(?<!\\)\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))")


@lru_cache(maxsize=256)
def portable(pattern: str) -> str:
    """``pattern`` with its ``\\u``/``\\U`` escapes written as the characters
    themselves, which RE2 reads (for a trigger built from a rule's own pattern)."""

    def literal(m: re.Match[str]) -> str:
        char = chr(int(m.group(1) or m.group(2), 16))
        return re.escape(char) if char.isascii() else char

    return _UNICODE_ESCAPE.sub(literal, pattern)
