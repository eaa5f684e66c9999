"""Reserved homes, clients ready for outflow and the placements between them (built in the next issues)."""
