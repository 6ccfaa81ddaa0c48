# Every test folder of this package is a plain folder collected by path: not reported.
def test_a():
    assert True
