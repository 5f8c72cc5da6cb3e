"""The places stage: toponyms resolved offline to a country, a point and a feature."""

from __future__ import annotations

import pytest

from newsgraph.lexicons import load_tsv
from newsgraph.nlp.places.gazetteer import distance_km, fold_name, get_place_gazetteer

# (sentence, mention text, country, (lat, lon) or None for no coordinates, feature)
PLACE_CASES = [
    # Homonyms: a qualifier decides, and the article's other places decide.
    (
        "The festival in Paris, Texas drew 4,000 visitors on Saturday.",
        "Paris",
        "USA",
        (33.66, -95.56),
        "city",
    ),
    ("Ministers met in Paris on Monday to discuss the new treaty.", "Paris", "FRA", (48.85, 2.35), "city"),
    (
        "Protesters gathered in Springfield, Illinois, on Sunday.",
        "Springfield",
        "USA",
        (39.80, -89.64),
        "city",
    ),
    (
        "Officials in Birmingham, Alabama, said the storm had passed.",
        "Birmingham",
        "USA",
        (33.52, -86.80),
        "city",
    ),
    (
        "Officials in Birmingham said the storm had passed over England.",
        "Birmingham",
        "GBR",
        (52.48, -1.90),
        "city",
    ),
    # Georgia the state next to Atlanta, Georgia the country next to Tbilisi.
    (
        "The governor of Georgia toured flood damage in Atlanta and Savannah.",
        "Georgia",
        "USA",
        (32.7, -83.4),
        "state",
    ),
    (
        "Georgia's prime minister met Armenian envoys in Tbilisi on Tuesday.",
        "Georgia",
        "GEO",
        (42.3, 43.4),
        "country",
    ),
    # Accents and old spellings.
    ("Officials in Liege said the trains were running again.", "Liege", "BEL", (50.63, 5.57), "city"),
    ("A delegation flew from Kiev to Warsaw on Friday.", "Kiev", "UKR", (50.45, 30.52), "city"),
    # Countries get their centre, cities used for their governments stay cities.
    ("Heavy rain flooded large parts of Ukraine last week.", "Ukraine", "UKR", (49.0, 32.0), "country"),
    ("Moscow said it would respond to the new sanctions.", "Moscow", "RUS", (55.75, 37.62), "city"),
    # Regions named after a city, including coordinated ones.
    (
        "Drones struck the Sumy and Poltava regions overnight, the governor said.",
        "Sumy",
        "UKR",
        (50.91, 34.80),
        "region",
    ),
    (
        "Drones struck the Sumy and Poltava regions overnight, the governor said.",
        "Poltava",
        "UKR",
        (49.59, 34.55),
        "region",
    ),
    # Named regions and seas from the regions lexicon.
    ("Ships crossing the Black Sea faced long delays this week.", "Black Sea", None, (43.4, 34.0), "sea"),
    # A place nobody knows keeps null coordinates rather than a guess.
    ("Rebels shelled the town of Velmora, officials in Zandaria said.", "Zandaria", None, None, None),
]

FACILITY_CASES = [
    # (sentence, facility name, city point)
    (
        "Flights resumed at Odesa International Airport on Monday.",
        "Odesa International Airport",
        (46.48, 30.74),
    ),
    ("Drones were seen near the Lviv cargo airport overnight.", "Lviv cargo airport", (49.84, 24.02)),
]


def _place_with_mention(record, mention_text: str):
    for place in record.places:
        if any(m.text == mention_text for m in place.mentions):
            return place
    return None


@pytest.mark.parametrize(("text", "mention", "country", "point", "feature"), PLACE_CASES)
def test_place_resolution(pipeline, text, mention, country, point, feature):
    record = pipeline.extract(text, published="2026-01-02")
    place = _place_with_mention(record, mention)
    assert place is not None, [(p.name, [m.text for m in p.mentions]) for p in record.places]
    assert place.country == country
    assert place.feature == feature
    if point is None:
        assert place.lat is None and place.lon is None
    else:
        assert place.lat is not None and place.lon is not None
        assert distance_km(point[0], point[1], place.lat, place.lon) < 150


@pytest.mark.parametrize(("text", "facility", "point"), FACILITY_CASES)
def test_facility_takes_its_city_point(pipeline, text, facility, point):
    record = pipeline.extract(text, published="2026-01-02")
    found = [p for p in record.places if p.name == facility]
    assert len(found) == 1, [p.name for p in record.places]
    place = found[0]
    assert place.feature == "airport" and place.country == "UKR"
    assert distance_km(point[0], point[1], place.lat, place.lon) < 30
    assert [m.text for m in place.mentions] == [facility]


def test_one_place_per_distinct_place_with_every_mention(pipeline):
    text = "Talks in Vienna ended late. Vienna will host the next round, and Austria agreed."
    record = pipeline.extract(text, published="2026-01-02")
    vienna = [p for p in record.places if p.name == "Vienna"]
    assert len(vienna) == 1
    assert [text[m.start : m.end] for m in vienna[0].mentions] == ["Vienna", "Vienna"]


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin said the talks were useful.",
        "Ukrainian officials said the talks were useful.",
    ],
)
def test_institutions_and_peoples_are_not_places(pipeline, text):
    record = pipeline.extract(text, published="2026-01-02")
    assert not [p for p in record.places if p.mentions[0].text in {"Kremlin", "Ukrainian"}]


def test_place_offsets_slice_back(pipeline):
    text = "Aid reached Kharkiv, Ukraine, and the Odesa region; convoys left Lviv’s depot."
    record = pipeline.extract(text, published="2026-01-02")
    assert record.places
    for place in record.places:
        for m in place.mentions:
            assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Liège", "liege"),
        ("the Hague", "hague"),
        ("Ivano-Frankivsk", "ivano frankivsk"),
        ("ZÜRICH", "zurich"),
    ],
)
def test_fold_name(raw, folded):
    assert fold_name(raw) == folded


def test_country_centroids_are_near_known_centres():
    gazetteer = get_place_gazetteer()
    rows = load_tsv("places_country_centroids")
    assert len(rows) > 240
    # Spot checks against well-known centres (a few hundred km at most).
    for alpha3, lat, lon in [
        ("UKR", 49.0, 32.0),
        ("BEL", 50.64, 4.67),
        ("FRA", 46.6, 2.4),
        ("DEU", 51.16, 10.45),
    ]:
        country = gazetteer.countries[alpha3]
        assert distance_km(lat, lon, country.lat, country.lon) < 300, alpha3


def test_user_lexicon_adds_a_region(tmp_path):
    from newsgraph.nlp.places.gazetteer import PlaceGazetteer

    extra = tmp_path / "places_regions_local.tsv"
    extra.write_text(
        "name\taliases\tcountry\tlat\tlon\tfeature\nVelmora Valley\tVelmora\t\t10.5\t20.5\tregion\n"
    )
    gazetteer = PlaceGazetteer((extra,))
    (found,) = gazetteer.lookup("Velmora")
    assert (found.name, found.lat, found.lon) == ("Velmora Valley", 10.5, 20.5)
