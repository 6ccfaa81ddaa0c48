# A test sub-folder of a packaged test tree (pkg/testing), and no other packaged test folder in
# the package: a layout pytest collects by path, not reported.
def test_things():
    assert True
