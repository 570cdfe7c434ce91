"""Bluebridge: a community-service platform for police departments."""

__version__ = "0.1.0"
