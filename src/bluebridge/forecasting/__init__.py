"""Crime forecasting."""
