"""Named confidences and limits of the quotes stage, in one table.

A quote's confidence says how sure its attribution is: 1.0 is a balanced
quotation with its cue and speaker in the same sentence; values below 0.5 mark
guesses a user may want to filter out. They order candidates that compete for
the same text, so only their relative order matters to the stage itself.
"""

from __future__ import annotations

# Direct quotes (quotation marks).
DIRECT_BALANCED = 0.95  # opening and closing marks pair up
DIRECT_UNBALANCED = 0.5  # a mark left open: the span is bounded, not trusted
DIRECT_NO_CUE_PENALTY = 0.2  # no reporting verb next to the quotation
DIRECT_COLON_SPEAKER_CAP = 0.6  # `Name: "..."`: a speaker but no cue
DIRECT_NO_SPEAKER_CAP = 0.4  # neither cue nor speaker
DIRECT_CONTINUATION_FLOOR = 0.8  # a later piece of `"A," he said, "B."` keeps the quote at least this sure
DIRECT_PARAGRAPH_CONTINUATION = 0.5  # a quotation alone as a paragraph, credited to the last speaker

# Indirect quotes (reported speech), by the shape of the reported content.
INDIRECT_DEFAULT = 0.85
INDIRECT_THAT_CLAUSE = 0.9  # "said that ..."
INDIRECT_BARE_CLAUSE = 0.8  # "said ..." without "that"
INDIRECT_INFINITIVE = 0.8  # "urged X to ..."
INDIRECT_TARGET_FRAME = 0.7  # "accused X of ..."
INDIRECT_OBJECT_NOUN = 0.6  # "announced a ceasefire"
INDIRECT_PARTICIPLE_REST = 0.6  # "..., citing the ministry": the rest of the sentence
INDIRECT_NOUN_CUE = 0.7  # "the ministry's statement that ..."
INDIRECT_ACCORDING_TO = 0.75  # "according to X, ..." with one piece
INDIRECT_ACCORDING_TO_SPLIT = 0.55  # the same content split in several pieces

# A quotation filling at least this share of a reported clause makes the quote direct.
DIRECT_SHARE = 0.85

# Walk limits.
BEFORE_WINDOW = 12  # tokens before an opening mark back to the cue ("said in a statement on Monday:")
