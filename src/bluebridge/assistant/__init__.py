"""Citizen assistant."""
