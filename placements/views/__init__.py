"""Views of placements, split by job: `records` (homes and clients) and `matching` (proposals and decisions)."""
