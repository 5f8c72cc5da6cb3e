"""Named confidences and walk limits of the events stage, in one table.

An event's confidence is its pattern's confidence (from the PLOVER pattern
lexicon) scaled by what the parse found; it orders and filters, it is not a
calibrated probability.
"""

from __future__ import annotations

# Pattern confidences when the lexicon entry gives none.
PATTERN_WITH_CONSTRAINT = 0.8  # the pattern names objects, complements or prepositions to match
PATTERN_BARE_TRIGGER = 0.65  # a trigger word alone
NO_SOURCE_FACTOR = 0.85  # an event whose doer could not be found

# Walk limits (dependency arcs climbed), bounding work on long or odd parses.
SOURCE_WALK = 6  # from a trigger up to the clause that supplies its subject
GOVERNING_WALK = 10  # from a trigger up to the event it is part of
QUANTITY_WALK = 3  # "hundreds of thousands of drones" down to the counted noun
COORDINATION_WALK = 6  # from a coordinated verb up to the finite verb it shares a subject with
REPORTED_CLAUSE_WALK = 8  # from a trigger up to a reporting verb above it
MODALITY_WALK = 8  # clauses read for modals, conditions and intent

# A story is of a register (sport, culture: event_registers.tsv) when at least this share of
# its content words (nouns, names, verbs, adjectives), and at least this many, belong to it.
REGISTER_SHARE = 0.04
REGISTER_MIN_WORDS = 8
