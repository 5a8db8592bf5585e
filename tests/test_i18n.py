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
