"""Complaints, commendations and service recovery."""
