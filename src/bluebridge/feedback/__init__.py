"""Community feedback."""
