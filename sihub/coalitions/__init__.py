"""The Coalition Model: cross-sector coalitions around a societal challenge."""
