"""Analysis & learning: initiatives, theory of change, indicators, SROI (issue 8)."""
