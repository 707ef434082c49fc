"""The shipped character model: it loads, and it knows common from rare."""

from __future__ import annotations

from corplint.rules._shared.charmodel import model


def test_common_text_is_cheaper_than_mojibake_and_shifted_text():
    m = model()
    clean = [
        m.mean_bits(s) for s in ("中华人民共和国成立了", "網站首頁歡迎訪問", "他们在北京召开会议")
    ]
    damaged = [m.mean_bits(s) for s in ("鎴戜滑鐨勬椂闂", "浠栬銆傗€濃€", "薄按蠹倚量嗔")]
    assert max(clean) + 4 < min(damaged)


def test_lexicon_noise_is_left_out():
    # jieba lists mojibake such as 銆 and 紝 as single-character words
    m = model()
    assert "銆" not in m.uni and "紝" not in m.uni
    assert m.rank["的"] < 100
