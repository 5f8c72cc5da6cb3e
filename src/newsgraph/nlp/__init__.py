"""The NLP pipeline: spaCy plus one component per stage (see DESIGN.md)."""
