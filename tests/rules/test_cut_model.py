"""The shipped model of line breaks inside a clause (LAY001's statistical evidence)."""

from __future__ import annotations

from corplint.rules.layout.breaks import cut_odds


def test_a_break_inside_a_clause_scores_above_one_at_a_clause_boundary():
    inside = [
        cut_odds("工业生产保持", "稳定增长"),
        cut_odds("重点项目建设", "进展顺利"),
        cut_odds("他们决定在下个月", "举行一次座谈"),
    ]
    boundary = [
        cut_odds("房间不太舒服", "本来想住三天"),
        cut_odds("下次不会再来了", "顾客丙"),
        cut_odds("价格也很便宜", "推荐大家购买"),
    ]
    assert min(inside) > 0 > max(boundary)


def test_no_opinion_unless_both_characters_are_han():
    assert cut_odds("工作组今天进驻社区，", "街道干部") == 0.0
    assert cut_odds("工作组今天进驻社区", "2021年") == 0.0
