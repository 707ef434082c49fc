"""Image and video residue (LAY002): the cue an extractor left where a picture was
(``▲图``, ``点击查看大图``, ``(图片)``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise

from corplint.core.document import FRONT_MATTER, Document
from corplint.core.finding import Applicability, Finding, Fix
from corplint.core.rule import Rule
from corplint.rules._shared.segments import plain, segments
from corplint.rules.layout.breaks import (
    CAPTION_CUE,
    MARKER,
    SEPARATOR,
    content,
    is_structure,
)

# Where an orphan may stand: a marker, a caption cue or a separator at the start
# of a line or of an HTML paragraph. A lone 图 counts only where a marker or a
# caption cue goes on (图片, 图为, 图：, 图 3, or nothing more), arrows and
# separators only where they fill their line, as the tests of the rule ask: a
# paragraph that opens with 图 (图书馆…), an arrow before a caption or a dash
# (———明确…) is passed over in C.
_LINE_ENDS = r"[ \t\u3000\u00a0]*(?:[<\r\n]|$)"


_ARROWS = "▲△▼▽↑↓←→⬆⬇⬅➡☝👆👇☟☞☛▶◀►◄"


_SEPARATORS = "-=*_~—─━·•●○◆◇■□★☆#～＝＊"


_CUE_OPENERS = "[【(（"


_LATIN_CUES = ("image", "img", "photo", "picture")


_PICTURE_WORDS = ("上图", "下图", "左图", "右图", "上圖", "下圖", "左圖", "右圖")
_PICTURE_WORDS += ("资料图", "資料圖")


_CLICK_WORDS = ("点击", "點擊")


_ORPHAN_CUES = (
    rf"[ \t\u3000\u00a0]*(?:[{_ARROWS}][{_ARROWS} \t\u3000\u00a0]*{_LINE_ENDS}"
    rf"|[{re.escape(_CUE_OPENERS)}]?(?:[图圖](?:[为為：:\]】)）]|片(?:[：:加載载\]】)）]|{_LINE_ENDS})"
    rf"|\s?\d|{_LINE_ENDS})"
    rf"|(?i:{'|'.join(_LATIN_CUES)})|{'|'.join(_PICTURE_WORDS + _CLICK_WORDS)})"
    rf"|([{re.escape(_SEPARATORS)}])(?:[ \t\u3000\u00a0]*\1){{2,}}{_LINE_ENDS})"
)


# The characters a cue can start with: tested first, in one class, they turn
# away nearly every tag end of an HTML page (a ``>`` before text or another tag)
# before the alternatives are tried.
_CUE_FIRST = " \t\u3000\u00a0图圖" + _ARROWS + _SEPARATORS + _CUE_OPENERS
_CUE_FIRST += "".join(w[0] + w[0].upper() for w in _LATIN_CUES + _PICTURE_WORDS + _CLICK_WORDS)


_CUE_START = f"(?=[{re.escape(''.join(sorted(set(_CUE_FIRST))))}])"


# Patterns that start with a literal (a line break, a tag's end), which the regex
# engine finds with a fast substring search (a class like [\n>] is tried at every
# position, twice as slow), and one for the start of the text.
_ORPHAN_AFTER_BREAK = re.compile(f"\\n{_ORPHAN_CUES}")


_ORPHAN_AFTER_TAG = re.compile(f">{_CUE_START}{_ORPHAN_CUES}")


_ORPHAN_AT_START = re.compile(_ORPHAN_CUES)


class MediaOrphan(Rule):
    """What a stripped image leaves behind: its caption alone on a line, a marker
    (``▲``, ``↓``, ``[图片]``, ``图片加载中…``), or a decorative separator.

    Captions are recognised by their cue (``图为``, ``图：``, ``（资料图）``…) when no
    image stands next to them, or — in documents laid out with blank lines — as
    short single sentences set apart by wider gaps than the document's
    paragraphs, where the images used to be. The unsafe fix deletes the line.

    Bad: ``▲`` alone on a line, ``图为技术员在车间调试设备。`` with no image.
    """

    code = "LAY002"
    name = "media-orphan"
    category = "layout"
    finds = (
        "what a removed image leaves: a marker line (`▲`, `↓`, `[图片]`), a caption with its cue "
        "(`图为…`, `（资料图）`) and no image beside it, a short caption set apart by wider gaps "
        "than the document's paragraphs, a decorative separator; the fix deletes the line"
    )
    fix = Applicability.UNSAFE

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        fm = FRONT_MATTER.match(text)
        body = fm.end() if fm else 0
        gaps = _gap_captions(doc, body)
        if not gaps and not (
            _ORPHAN_AT_START.match(text, body)
            or _ORPHAN_AFTER_BREAK.search(text, body)
            or ("<" in text and _ORPHAN_AFTER_TAG.search(text, body))
        ):
            return
        segs = [s for s in segments(doc) if s.start >= body]
        previous_media = False
        for n, seg in enumerate(segs):
            raw = seg.text(text)
            s = plain(raw).strip(" \t\u3000\u00a0") if "<" in raw else content(raw)
            if not s:
                continue
            why = self._why(doc, s, seg.media, previous_media, segs, n, text)
            if why is None and seg.start in gaps:
                why = "a short caption set apart where an image was"
            previous_media = seg.media or s.startswith("![") or bool(re.match(r"<img\b", s))
            if why:
                yield Finding(
                    seg.start,
                    seg.end,
                    f"{why}: {s[:30]}",
                    Fix.delete(seg.cut_start, seg.cut_end, "unsafe"),
                )

    @staticmethod
    def _why(doc, s, media, previous_media, segs, n, text) -> str | None:
        if media:
            return None
        if MARKER.match(s):
            return "marker left by a removed image"
        sep = SEPARATOR.match(s)
        if sep and (not s.isascii() or (doc.format in ("text", "jsonl") and len(s) >= 5)):
            return "decorative separator"
        if CAPTION_CUE.match(s) and len(s) <= 80 and not previous_media:
            following = next((x for x in segs[n + 1 :] if text[x.start : x.end].strip()), None)
            follows_image = following is not None and (
                following.media or text[following.start : following.end].lstrip().startswith("![")
            )
            if not follows_image:
                return "caption of a removed image"
        return None


def _gap_captions(doc: Document, body: int) -> set[int]:
    """Starts of short one-sentence lines set apart by wider gaps than the document's
    paragraphs (at least two blank lines more on one side, no fewer on the other)."""
    text = doc.text
    if "\n\n\n" not in text and (
        "\r" not in text or ("\n\r\n\r\n" not in text and "\r\r\r" not in text)
    ):
        return set()
    lines = [(s, e) for s, e in doc.lines() if s >= body]
    filled = [i for i, (s, e) in enumerate(lines) if text[s:e].strip(" \t\u3000\u00a0")]
    if len(filled) < 6:
        return set()
    gaps = [b - a - 1 for a, b in pairwise(filled)]
    usual = Counter(gaps).most_common(1)[0][0]
    found = set()
    for k, i in enumerate(filled):
        before = gaps[k - 1] if k > 0 else None
        after = gaps[k] if k < len(gaps) else None
        sides = [g for g in (before, after) if g is not None]
        if not sides or max(sides) < usual + 2 or min(sides) < usual or k == 0:
            continue
        if min(sides) < usual + 2:
            # one side at the usual distance: only towards a heading, not prose
            near = filled[k - 1] if before is not None and before < usual + 2 else filled[k + 1]
            neighbour = content(text[lines[near][0] : lines[near][1]])
            if neighbour and neighbour[-1] in "。！？”":
                continue
        s = content(text[lines[i][0] : lines[i][1]])
        one_sentence = 2 <= len(s) <= 30 and s[-1] in "。！" and len(re.findall("[。！？]", s)) == 1
        if one_sentence and not is_structure(s):
            found.add(lines[i][0])
    return found
