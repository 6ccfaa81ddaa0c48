# conftest.py is loaded by pytest by path.
