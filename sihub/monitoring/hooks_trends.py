"""Placeholder: filled by the feature that owns it."""
