"""Riverton: a synthetic, deterministic demo city (areas, population, people, two years of requests).

Nothing here is real: names, places, numbers and reports are made up from built-in lists and a
seeded random generator. Use `bluebridge demo-city --seed N` or `bluebridge demo`.
"""
