import unittest


class TestUnits(unittest.TestCase):
    pass
