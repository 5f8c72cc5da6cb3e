"""Named weights of the coreference stage: how a pronoun's candidate antecedents are ranked.

The score of a candidate is a sum of these; the highest wins. Distances are in
sentences (``DISTANCE``) and tokens (``TOKEN_DISTANCE``).
"""

from __future__ import annotations

DISTANCE = -2.0  # per sentence between the pronoun and the candidate
TOKEN_DISTANCE = -0.01  # per token, to break ties by recency
SUBJECT = 2.0  # the candidate is a subject
MAIN_CLAUSE_SUBJECT = 1.0  # ... of the sentence's main verb
OWN_CLAUSE_SUBJECT = 1.5  # ... of the pronoun's own clause
GENDER_AGREES = 0.5  # the candidate's known gender is the pronoun's
ALREADY_SEEN = -0.5  # an older mention of an entity already scored counts less
