"""The pre-scan keeps sentences that can hold an event and blanks the others in place."""

from __future__ import annotations

import pytest

from diplograph.prescan import blank_unlikely_sentences, build_vocabulary, inflections, sentence_spans


@pytest.fixture(scope="module")
def vocabulary(nlp):
    return build_vocabulary(nlp)


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Kenya condemned the attack on Somalia.", True),
        ("Chinese troops met Indian soldiers at the border.", True),  # irregular form "met"
        ("She thanked him for the call.", True),  # pronouns may name actors
        ("The euro gained against the dollar on Tuesday.", False),
        ("Spain beat Italy on penalties.", False),  # "beat" is no trigger
        ("The weather was mild across the region.", False),
        ("Greece put its navy on high alert.", True),  # "put" with the word its pattern needs
        ("Greece put the vase on the table.", False),  # "put" without it
        ("“We will not yield,” the minister said.", True),  # quotes are always kept
    ],
)
def test_prescan_keeps_sentences_that_can_hold_events(vocabulary, sentence, kept):
    _, total, kept_count = blank_unlikely_sentences(sentence, vocabulary)
    assert (total, kept_count) == (1, int(kept))


def test_prescan_blanks_in_place(vocabulary):
    text = "The euro rose. Kenya condemned Somalia.\nMarkets were calm."
    blanked, total, kept = blank_unlikely_sentences(text, vocabulary)
    assert len(blanked) == len(text) and (total, kept) == (3, 1)
    assert blanked.index("Kenya") == text.index("Kenya") and "euro" not in blanked and "\n" in blanked


def test_prescan_keeps_the_sentence_before_a_pronoun(vocabulary):
    text = "Ghana freed twelve fishermen. It was welcomed by Togo."
    assert blank_unlikely_sentences(text, vocabulary)[0] == text


def test_prescan_sentence_spans_split_on_end_punctuation_and_newlines():
    assert sentence_spans("One. Two!\nThree") == [(0, 4), (5, 9), (10, 15)]


def test_prescan_inflections_cover_regular_forms():
    assert {"visits", "visited", "visiting"} <= inflections("visit")
    assert {"accuses", "accused", "accusing"} <= inflections("accuse")
    assert {"denies", "denied"} <= inflections("deny")
    assert {"banned", "banning"} <= inflections("ban")
