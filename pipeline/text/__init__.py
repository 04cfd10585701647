"""How news text writes things that both the corpus reader and the extractor read: the calendar's
words (calendar.py). Plain Python, imports nothing from the rest of the package."""
