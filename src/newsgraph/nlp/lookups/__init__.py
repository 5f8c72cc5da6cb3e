"""Look-ups shared by several stages: countries, titles, the entity gazetteer, the mention index."""
