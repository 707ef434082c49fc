"""Rules of the ``boilerplate`` category: the page around the article.

Navigation bars, page metadata, share footers, related-article lists and
credits are on every page of a site; left in a corpus they teach a model to
end each article with ``分享到：微信 微博``. BLP001 and BLP002 judge one
document; BLP003 counts lines over the whole corpus, the one thing a linter
sees that a per-document filter cannot.
"""

from __future__ import annotations

from corplint.core.hookspecs import hookimpl
from corplint.core.rule import Rule
from corplint.rules.boilerplate.headlines import HeadlineList
from corplint.rules.boilerplate.lines import BoilerplateLine
from corplint.rules.boilerplate.runin import CreditRunIn
from corplint.rules.boilerplate.templates import TemplateLine


@hookimpl
def corplint_rules() -> list[type[Rule]]:
    return [BoilerplateLine, CreditRunIn, TemplateLine, HeadlineList]
