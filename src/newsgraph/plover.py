"""PLOVER's sixteen event types and the cooperation/conflict split used for colour and weights."""

from __future__ import annotations

COOPERATION_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT")
CONFLICT_TYPES = (
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
PLOVER_TYPES = COOPERATION_TYPES + CONFLICT_TYPES
