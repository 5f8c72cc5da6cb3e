"""Coreference evaluation table: fictional paragraphs with the expected antecedents.

Each row: a paragraph, the anaphor (its text and which occurrence), and the canonical
name of the entity it should resolve to (None: it should stay unresolved).
Run with ``-rA`` to see which rows pass; the accuracy is the share of passing rows.
"""

from __future__ import annotations

import re

import pytest

CASES = [
    # Pronouns: subject preference, same-clause subject, gender from titles and names.
    ("Finance Minister Clara Novak presented her budget on Monday.", "her", 0, "Clara Novak"),
    ("Mayor Tomas Berg said he would resign after the vote.", "he", 0, "Tomas Berg"),
    (
        "Defence Minister Erik Dahl met Senator Paul Reyes in Oslo. He said the talks were useful.",
        "He",
        0,
        "Erik Dahl",
    ),
    (
        "Prime Minister Anna Kovacs met King Viktor Halden on Tuesday. She thanked him for the visit.",
        "She",
        0,
        "Anna Kovacs",
    ),
    (
        "Prime Minister Anna Kovacs met King Viktor Halden on Tuesday. She thanked him for the visit.",
        "him",
        0,
        "Viktor Halden",
    ),
    (
        "Spokeswoman Lena Ortiz rejected the report. Her office called it false.",
        "Her",
        0,
        "Lena Ortiz",
    ),
    (
        "Governor Mark Ellison told reporters that both he and Senator Joan Pike backed the plan.",
        "he",
        0,
        "Mark Ellison",
    ),
    (
        "Ambassador Pierre Laval arrived in Madrid. Officials welcomed him at the airport.",
        "him",
        0,
        "Pierre Laval",
    ),
    (
        "General Omar Haddad ordered the retreat. Later he denied it.",
        "he",
        0,
        "Omar Haddad",
    ),
    (
        "Queen Sofia Marin opened the bridge, and her husband cut the ribbon.",
        "her",
        0,
        "Sofia Marin",
    ),
    # Organisations and countries: its / their.
    ("Germany said it would raise its defence budget next year.", "its", 0, "Germany"),
    (
        "The World Health Organization warned that its funding was running out.",
        "its",
        0,
        "World Health Organization",
    ),
    (
        "NATO ministers met in Brussels, where the alliance set out its plans.",
        "its",
        0,
        "North Atlantic Treaty Organization",
    ),
    (
        "Canada said Ottawa would keep its embassy open.",
        "its",
        0,
        "Ottawa",
    ),
    # Descriptions by title, with and without a country.
    (
        "French Foreign Minister Claire Dubois arrived in Rome. The French foreign minister met students.",
        "The French foreign minister",
        0,
        "Claire Dubois",
    ),
    (
        "Interior Minister Hugo Stein spoke first. Later the interior minister's aides left.",
        "the interior minister",
        0,
        "Hugo Stein",
    ),
    (
        "Brazilian President Marta Luz met Chilean President Jorge Vidal. The Chilean president left early.",
        "The Chilean president",
        0,
        "Jorge Vidal",
    ),
    (
        "Brazilian President Marta Luz met Chilean President Jorge Vidal. The Brazilian president stayed.",
        "The Brazilian president",
        0,
        "Marta Luz",
    ),
    (
        "Police chief Dana Reese addressed the crowd. The spokesperson for the city declined to comment.",
        "The spokesperson",
        0,
        None,
    ),
    # Descriptions by class noun.
    (
        "The deal was announced by mining company Orvex. The company said output would rise.",
        "The company",
        0,
        "Orvex",
    ),
    (
        "Shipping firm Maredo Lines cut its routes. The firm blamed fuel costs.",
        "The firm",
        0,
        "Maredo Lines",
    ),
    (
        "The European Union agreed new sanctions, and the bloc will review them in June.",
        "the bloc",
        0,
        "European Union",
    ),
    (
        "The International Monetary Fund approved the loan. The lender asked for reforms.",
        "The lender",
        0,
        "International Monetary Fund",
    ),
    (
        "Analysts expect growth to slow. The company declined to comment.",
        "The company",
        0,
        None,
    ),
    # Mixed: pronoun after a resolved description, and a second speaker.
    (
        "Energy Minister Rosa Alvarez visited the plant. The energy minister said she was satisfied.",
        "she",
        0,
        "Rosa Alvarez",
    ),
    (
        "Chancellor Dieter Brandt met Prime Minister Ines Moreau. Moreau said she expected progress.",
        "she",
        0,
        "Ines Moreau",
    ),
    (
        "Lawmaker Ivo Petrov criticised the plan. His party later backed it.",
        "His",
        0,
        "Ivo Petrov",
    ),
    (
        "Health Minister Nadia Rahman spoke in Cairo on Monday. On Tuesday she flew to Amman.",
        "she",
        0,
        "Nadia Rahman",
    ),
    # Gender from given names; plural pronouns for organisations; distractors.
    (
        "Maria Lopez interviewed Daniel Ortega Ruiz on Friday. He said the strike would end.",
        "He",
        0,
        "Daniel Ortega Ruiz",
    ),
    (
        "Daniel Brooks met Laura Chen in Geneva. She said the meeting went well.",
        "She",
        0,
        "Laura Chen",
    ),
    (
        "The Acme Workers Union said they would strike on Monday.",
        "they",
        0,
        "Acme Workers Union",
    ),
    (
        "Officials met Hamas negotiators in Cairo, and they agreed to talk again.",
        "they",
        0,
        None,
    ),
    (
        "Peter Novak thanked Senator Helen Moss. Novak said his team would help.",
        "his",
        0,
        "Peter Novak",
    ),
    # A speaker does not call himself "he": pronouns inside a quotation skip its speaker.
    (
        'Lawyer Paul Grant spoke about his client Marco Diaz. "We learned that he was cleared," Grant said.',
        "he",
        0,
        "Marco Diaz",
    ),
    (
        'Coach Ivan Rusu praised striker Leo Marin. "He gave everything," Rusu said.',
        "He",
        0,
        "Leo Marin",
    ),
]


def _occurrence(text: str, needle: str, index: int) -> int:
    return [m.start() for m in re.finditer(rf"\b{re.escape(needle)}\b", text)][index]


@pytest.mark.parametrize(("text", "anaphor", "occurrence", "expected"), CASES)
def test_coreference_table(pipeline, text, anaphor, occurrence, expected):
    record = pipeline.extract(text, published="2026-01-02")
    start = _occurrence(text, anaphor, occurrence)
    owners = [
        entity.name
        for entity in record.entities
        for m in entity.mentions
        if m.start == start and m.end == start + len(anaphor) and m.kind in ("pronoun", "nominal")
    ]
    assert owners == ([expected] if expected else []), [(e.name, e.mentions) for e in record.entities]
