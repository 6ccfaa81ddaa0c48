# GT701: tests inside a package, without __init__.py.
def test_ok():
    assert True
