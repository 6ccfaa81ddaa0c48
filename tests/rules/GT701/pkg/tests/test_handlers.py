# GT701: tests inside a package, without __init__.py, where no test folder of the package is a
# package (pkg/testing has no test module): collected by path, not reported.
def test_ok():
    assert True
