"""Credits run into the prose (BLP002): a role word and the names after it, inside a sentence."""

from __future__ import annotations

from collections.abc import Iterator

from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding, Fix
from corplint.core.rule import Rule
from corplint.rules._shared import credits as cr
from corplint.rules._shared.segments import (
    line_at,
    plain,
    segments,
)
from corplint.rules.boilerplate import cues, names
from corplint.rules.boilerplate.lines import _whole_credit


class CreditRunIn(Rule):
    """An editor, reporter or photo credit run into the prose.

    Scrapers that drop line breaks glue ``记者A B摄`` and ``责任编辑C`` to the
    sentences around them. A credit is found where a sentence starts with a
    role word (``记者 通讯员 责编 责任编辑 摄影 参与采写``, optionally after a
    medium's name) followed by personal names up to a boundary (``摄``, a
    punctuation mark, another role word). Reported as a span; the fix removes
    it and is unsafe, since the boundary of a name run into a sentence is a guess.

    Bad: ``…会议在市委礼堂召开。某某日报记者张三李四摄与会代表…``. Good: ``记者了解到，…``
    """

    code = "BLP002"
    name = "credit-run-in"
    category = "boilerplate"
    finds = (
        "a reporter/editor/photo credit run into the prose (`…记者张三李四摄在…`, "
        "`责编某某责任编辑某某`), names split with a surname list"
    )
    fix = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        hits = cues.role_hits(doc)
        if not hits:
            return  # the fast path: no role word, no credit
        if "<" in text:
            spans = [(seg.start, seg.end) for seg in segments(doc)]
        else:
            opening = [pos for pos in hits if cr.may_open_credit(text, pos)]
            spans = sorted({line_at(text, pos) for pos in opening})
        for start, end_of_line in spans:
            line = text[start:end_of_line]
            if not line or _whole_credit(plain(line)):
                continue  # empty, or a credit line of its own (BLP001's)
            for m in cr.credit_starts(line):
                end = names.credit_run(line, m.start(), bool(m.group("media")))
                if end is None:
                    continue
                yield Finding(
                    start + m.start(),
                    start + end,
                    f"credit run into the text: {line[m.start() : end]}",
                    Fix.delete(start + m.start(), start + end, "unsafe"),
                )
