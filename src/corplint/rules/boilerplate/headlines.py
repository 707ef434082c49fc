"""Lists around the article (BLP004): headline lists, dated link lists, index pages
and menus, read from the page's shape."""

from __future__ import annotations

from collections.abc import Iterator

from corplint.core.document import Document
from corplint.core.finding import Applicability, Finding, Fix
from corplint.core.rule import SPACE, Rule
from corplint.rules._shared import listblocks
from corplint.rules._shared.segments import (
    line_span,
    plain,
    segments,
    split_lines,
)
from corplint.rules.boilerplate import furniture as bp
from corplint.rules.boilerplate.lines import _classify, _line_end

_BLANK_IN_LINE = SPACE.replace("\n", "")
_LIST_LINE = (
    f"(?m:^[^\n。]*[^。{SPACE}][{_BLANK_IN_LINE}]*$"
    f"|[^。！？!?”’」』）)…{SPACE}][{_BLANK_IN_LINE}]*$)"
)
TRIGGER = f"<|{_LIST_LINE}\n(?s:.*){_LIST_LINE}"
"""Every list the rule finds has two lines or more that are headlines or menu
items (no ``。`` in them) or dated lines (ending in their date or counter, not
in a sentence's end), or is read from HTML segments. An article has at most
one or two such lines, its title and dateline: on the clean benchmark 56% of
the documents have fewer than two."""


class HeadlineList(Rule):
    """A list around the article: other articles' headlines, dated link lists, menus.

    Read from the page's shape, as jusText reads blocks: the article ends with
    its last two consecutive paragraphs; after it, lines that are nearly all
    headlines, teasers cut at a fixed length or dated lines (three headlines or
    more) are a related-article list. Anywhere, two or more short lines ending
    in a date or a counter (``2019-06-03 14:20``, ``512人气``) and the
    headlines between them are a link list; three or more headlines each
    followed by a teaser the site cut (an ellipsis, or one length for all) are
    an index page's items; and four or more section names in a
    row (bulleted, or outside the article) are a menu. A table (rows sharing a
    suffix or a ``label：`` shape), a list the article introduces (``…如下：``)
    or one it began as bullets is left alone. The fix deletes the line and is
    unsafe: a list of headlines is a guess from shape alone.

    Bad: an article, then ``春季赏花地图出炉`` / ``地铁三号线延长段开通`` /
    ``本周末气温回升``. Good: a subheading followed by its paragraph.
    """

    code = "BLP004"
    trigger = TRIGGER
    name = "headline-list"
    category = "boilerplate"
    finds = (
        "lists around the article, read from the page's shape: headlines, cut teasers and dated "
        "lines after the article's last paragraphs (three headlines or more; not a table, a list "
        "the article introduces, or prose broken over lines), short lines ending in a date or "
        "counter with the headlines between them, five or more headlines before the first "
        "paragraph, an index page's headlines each followed by a teaser cut the way a site cuts "
        "it, runs of four or more section names (menus)"
    )
    fix = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        if doc.format == "html" or text.count("\n") < 2:
            return  # a list needs lines; one-line records have none
        if "<" in text:
            segs = list(segments(doc))
            lines = [plain(text[s.start : s.end]) for s in segs]

            def span(i: int) -> tuple[int, int, int, int]:
                return segs[i].start, segs[i].end, segs[i].cut_start, segs[i].cut_end

        else:
            lines = split_lines(doc)

            def span(i: int) -> tuple[int, int, int, int]:
                # only the lines found: most documents have none
                start, end = line_span(doc, i)
                return start, end, start, _line_end(text, end)

        found = listblocks.find(lines)
        found.update(_after_prev_next(lines, found))
        for i, kind in sorted(found.items()):
            start, end, cut_start, cut_end = span(i)
            if _classify(plain(text[start:end]).strip()):
                continue  # BLP001 reports it, as the kind of furniture it is
            fix = Fix.delete(cut_start, cut_end, "unsafe")
            yield Finding(start, end, f"boilerplate: {kind}", fix)


def _after_prev_next(lines: list[str], found: dict[int, str]) -> dict[int, str]:
    """Headlines right after the last previous/next link (``下一篇：…``): the
    page's related list, whether or not an article ends above it."""
    last = next((i for i in range(len(lines) - 1, -1, -1) if bp.prev_next(lines[i])), None)
    if last is None:
        return {}
    block: list[int] = []
    for j in range(last + 1, len(lines)):
        line = lines[j].strip()
        if not line:
            continue
        if not (listblocks.headline(line) or listblocks.scrap(line)) or j in found:
            break
        block.append(j)
    headlines = sum(listblocks.headline(lines[j].strip()) for j in block)
    return {j: listblocks.AFTER for j in block} if headlines >= 2 else {}
