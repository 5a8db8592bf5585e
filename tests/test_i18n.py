"""Every label exists in both languages; translation errors are helpful."""

import pytest

from paradiplo_net.i18n import LABELS, LANGS, t
from paradiplo_net.model import KINDS, LEVELS, PHASES


def test_every_label_has_every_language():
    missing = [k for k, v in LABELS.items() if set(v) != set(LANGS) or not all(v.values())]
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_contract_vocabularies_are_translated(lang):
    for p in PHASES:
        assert t(f"phase.{p}", lang=lang)
    for k in KINDS:
        assert t(f"kind.{k}", lang=lang)
    for lv in LEVELS:
        assert t(f"level.{lv}", lang=lang)


def test_indonesian_differs_where_it_should():
    assert t("phase.associative", lang="id") == "asosiatif"
    assert t("kind.twin_town", lang="id") == "kota kembar"


def test_errors():
    with pytest.raises(ValueError, match="'en', 'id'"):
        t("word.year", lang="de")
    with pytest.raises(KeyError, match="close keys"):
        t("word.yeer")


def test_plurals():
    from paradiplo_net.i18n import count

    assert count(1, "links") == "1 link"
    assert count(2, "links") == "2 links"
    assert count(1, "cities") == "1 city" and count(1, "countries") == "1 country"
    assert count(1234, "links") == "1,234 links"
    assert count(1, "links", lang="id") == "1 tautan"


@pytest.mark.parametrize("lang", LANGS)
def test_every_summary_measure_has_a_label_and_meaning(toy, lang):
    import paradiplo_net as pn
    from paradiplo_net.i18n import summary_term

    for key in pn.stats.summary(toy).columns:
        label, meaning = summary_term(key, lang=lang)
        assert label and meaning, key
    assert summary_term("powerlaw_R_lognormal")[0] != "powerlaw_R_lognormal"
    assert summary_term("unheard_of") == ("unheard_of", "")
