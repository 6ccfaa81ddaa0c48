# A test module in a packaged folder outside any test tree does not make a habit.
def test_helper():
    assert True
