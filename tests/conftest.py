"""Shared fixtures: the NLP pipeline (loaded once per session) and hand-built analyses."""

from __future__ import annotations

import pytest

from realpolitik.records import (
    Actor,
    Analysis,
    ArmsTransfer,
    Claim,
    DateRef,
    Document,
    Event,
    Evidence,
    FramingSpan,
    Location,
    Mention,
    Period,
    Slant,
    Stance,
    Weapon,
)

TEXT_A = ("Israel delivered two Barak-8 batteries to Azerbaijan in 2018. "
          "Armenia accused Azerbaijan of shelling Jermuk on 13 September 2022, "
          "calling it \"aggression\". Azerbaijan denied the claim.")
TEXT_B = "Ilham Aliyev met Benjamin Netanyahu in Baku. Israel may impose sanctions on Iran."


def _span(text: str, words: str) -> Evidence:
    start = text.index(words)
    return Evidence.of(text, start, start + len(words))


def _mention(text: str, words: str, kind: str = "name") -> Mention:
    span = _span(text, words)
    return Mention(span.start, span.end, span.text, kind)


def analysis_a() -> Analysis:
    """Arms transfer, an assault, a denial, a claim, framing and slant."""
    t = TEXT_A
    actors = [
        Actor("ISR", "Israel", "state", "ISR", wikidata="Q801", mentions=[_mention(t, "Israel")]),
        Actor("AZE", "Azerbaijan", "state", "AZE", wikidata="Q227",
              mentions=[_mention(t, "Azerbaijan in"), _mention(t, "Azerbaijan of")]),
        Actor("ARM", "Armenia", "state", "ARM", mentions=[_mention(t, "Armenia")]),
    ]
    actors[1].mentions = [Mention(m.start, m.start + 10, "Azerbaijan", "name") for m in actors[1].mentions]
    shelling = _span(t, "Armenia accused Azerbaijan of shelling Jermuk on 13 September 2022")
    events = [
        Event("e1", "ASSAULT", "disputed", shelling, mode="bombard", context=["military"], cameo="195",
              quad="material_conflict", goldstein=-10.0, source="AZE", target="ARM",
              source_country="AZE", target_country="ARM", attributed_to="ARM",
              date=DateRef("on 13 September 2022", "2022-09-13", "2022-09-13"),
              location=Location("Jermuk", "ARM", 39.84, 45.67), confidence=0.8),
        Event("e2", "ACCUSE", "asserted", shelling, source="ARM", target="AZE", source_country="ARM",
              target_country="AZE", attributed_to="AUTHOR", quad="verbal_conflict", goldstein=-2.0,
              date=DateRef("on 13 September 2022", "2022-09-13", "2022-09-13"), confidence=0.7),
    ]
    transfer = ArmsTransfer(
        "t1", Weapon("Barak-8", "Barak", "surface-to-air missile system", "Israel Aerospace Industries"),
        "asserted", _span(t, "Israel delivered two Barak-8 batteries to Azerbaijan in 2018."),
        supplier="ISR", recipient="AZE", supplier_country="ISR", recipient_country="AZE",
        quantity=2, status="delivered", period=Period("2018", None), confidence=0.9)
    claim = Claim("c1", "ARM", "accused", _span(t, "Azerbaijan of shelling Jermuk"), "reported",
                  shelling, speaker_country="ARM", stance=[Stance("AZE", -0.8)])
    quote = _span(t, "aggression")
    framing = [FramingSpan(quote.start, quote.end, quote.text, "loaded_language", "AZE", "ARM")]
    doc = Document.from_text(t, title="Border story", source="test", url="https://example.org/a",
                             published="2022-09-14")
    return Analysis(doc, actors, events, [transfer], [claim], framing, [Slant("AZE", 2, 0, 0.0, 0.0)])


def analysis_b() -> Analysis:
    """People with roles, a visit and a threat (future modality)."""
    t = TEXT_B
    actors = [
        Actor("Q-aliyev", "Ilham Aliyev", "person", "AZE", "GOV", "President of Azerbaijan",
              mentions=[_mention(t, "Ilham Aliyev")]),
        Actor("Q-netanyahu", "Benjamin Netanyahu", "person", "ISR", "GOV", "Prime Minister of Israel",
              mentions=[_mention(t, "Benjamin Netanyahu")]),
        Actor("ISR", "Israel", "state", "ISR", mentions=[_mention(t, "Israel")]),
        Actor("IRN", "Iran", "state", "IRN", mentions=[_mention(t, "Iran")]),
    ]
    events = [
        Event("e1", "CONSULT", "asserted", _span(t, "Ilham Aliyev met Benjamin Netanyahu in Baku."),
              mode="visit", source="Q-netanyahu", target="Q-aliyev", source_country="ISR",
              target_country="AZE", attributed_to="AUTHOR", quad="verbal_cooperation"),
        Event("e2", "THREATEN", "hypothetical", _span(t, "Israel may impose sanctions on Iran."),
              source="ISR", target="IRN", source_country="ISR", target_country="IRN",
              attributed_to="AUTHOR", quad="verbal_conflict"),
    ]
    doc = Document.from_text(t, title="Visit", source="test", published="2016-12-13")
    return Analysis(doc, actors, events)


@pytest.fixture
def sample_a() -> Analysis:
    """A border-clash story with an arms transfer (see `analysis_a`)."""
    return analysis_a()


@pytest.fixture
def sample_b() -> Analysis:
    """A visit and a threat (see `analysis_b`)."""
    return analysis_b()


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline; `analyze()` and the CLI reuse the same cached object."""
    from realpolitik.pipeline import _default_nlp

    return _default_nlp()
