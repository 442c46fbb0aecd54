"""Tests for sihub.impact."""
