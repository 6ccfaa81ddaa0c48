# A sibling of the packaged tests/unit: reported.
def test_api():
    assert True
